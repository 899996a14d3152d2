"""The stakeholder map as a picture: one design (colours, badges, markers) and the SVG drawn
from it.
"""
