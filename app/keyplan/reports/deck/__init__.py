"""PowerPoint decks of the plans and the brief (python-pptx): native, editable slides, no Qt."""
