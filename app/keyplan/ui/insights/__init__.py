"""The insights on screen: the Insights, Interactions and Commitments tabs and the dashboard."""
