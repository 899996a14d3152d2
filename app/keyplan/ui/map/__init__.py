"""The stakeholder map: an org chart of an account's people, edited with the mouse.

``map_tab.MapTab`` is the tab; ``scene.MapScene`` draws what the layout says and follows the
document's signals; ``view.MapView`` zooms, pans and hands mouse gestures to the small
interaction objects in ``interactions``; ``export`` writes PNG and SVG files and prints.
"""
