"""The stakeholder map as a picture, in plain data: looks, routes and the drawing description.

``drawing.draw_map`` is the one entry point: people and lines in, a ``MapDrawing`` out, which
every renderer draws (SVG, PNG, PDF, GraphML, draw.io, and PowerPoint).
"""
