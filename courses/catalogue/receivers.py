"""The course engine listening to its own models, for writes that every path must make (the admin,
imports, the demo and tests all create modules)."""


def final_check_added(sender, instance, created, raw=False, **kwargs):
    """A new post-test turns on "modules in order" for a course that had no final check."""
    if created and not raw:
        from .services import course_final_check_added

        course_final_check_added(quiz=instance)
