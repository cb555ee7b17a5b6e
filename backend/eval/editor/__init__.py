"""The editors' labels and the scripts that dump and check them: ``sidenote_eval.editor``."""
