"""The Plan tab: the account plan edited in the order a planning session runs, and its export.

Kept light on purpose: the plan's editor imports ``keyplan.ui.plan.edits``, so nothing here may
import the tab's widgets.
"""
