"""The Qt floor: the document with its undo stack, windows, item models, the org chart."""
