"""The files the map exports to, by suffix: importing nothing, so that the command line's help
and its check of ``--out`` need not load the writers."""

#: Every suffix the map exports to, for messages and file dialogs (PNG through Qt).
SUFFIXES = (".svg", ".png", ".graphml", ".drawio")
SUFFIX_HELP = "use .svg, .png, .graphml (yEd) or .drawio (draw.io)"
