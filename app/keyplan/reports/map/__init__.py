"""The stakeholder map on paper: cards and lines drawn as vector graphics, split over pages
along reporting lines.
"""
