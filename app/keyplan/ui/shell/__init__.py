"""The window around everything: launch, main window, menus, tabs, settings, read-only rules."""
