class InsightsError(Exception):
    """A domain error of the insights app; views turn it into a message."""
