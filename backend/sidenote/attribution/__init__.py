"""Who is credited with what: cue finding, source phrases, source typing.

The pipeline stage :mod:`sidenote.pipeline.attribution` assembles these parts.
"""
