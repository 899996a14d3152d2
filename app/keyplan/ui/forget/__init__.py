"""Person › Forget…: removing a person and every trace of them, at their request."""
