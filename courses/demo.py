def seed(demo):
    """Demo data of this app (see people/management/commands/seed_demo.py)."""
