"""A person being dragged, between Keyplan's views: Keyplan's own MIME type carrying an id.

Kept apart from the map's heavier modules so the People table can offer drags without loading
the map.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData

PERSON_MIME_TYPE = "application/x-keyplan-person"


def person_mime_data(person_id: int) -> QMimeData:
    """What a dragged person carries: their id, as text, under Keyplan's own MIME type."""
    data = QMimeData()
    data.setData(PERSON_MIME_TYPE, str(person_id).encode())
    data.setText(str(person_id))
    return data


def dropped_person_id(data: QMimeData) -> int | None:
    """The id a drop carries, or None when it is not a Keyplan person."""
    if not data.hasFormat(PERSON_MIME_TYPE):
        return None
    try:
        return int(bytes(data.data(PERSON_MIME_TYPE).data()).decode())
    except ValueError:
        return None
