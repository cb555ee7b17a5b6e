"""Small learned models, stored as plain arrays under ``sidenote/data`` and run with numpy."""
