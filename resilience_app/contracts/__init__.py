"""What each entity accepts, declared once (in the manner of Discourse's service contracts).

A contract module per entity names its text limits and its choices. The model sizes its columns
from them, the service checks input with them, and the page sets `maxlength` and its options from
them, so the three can never disagree. This package imports nothing of the app but core.errors.
"""
