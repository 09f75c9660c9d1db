import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402,F403

DEBUG = env_bool("DEBUG", True)  # noqa: F405
