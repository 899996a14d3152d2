"""Evidence behind ratings in the app: the person dialog's lists, a meeting's follow-up."""
