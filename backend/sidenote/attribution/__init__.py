"""Who is credited with what: cue finding, source phrases, source typing.

The pipeline stage :mod:`sidenote.pipeline.attribution` assembles these parts.
"""

# These modules read the frozen dataclasses of ``sidenote.pipeline.doc``, and
# importing that runs ``sidenote.pipeline``, whose attribution stage imports
# these modules back. Loading the pipeline first lets any one of them be
# imported on its own (a test module, an eval script) without meeting a
# half-initialised module of this package in that loop.
from .. import pipeline as _pipeline  # noqa: F401
