"""newskit's exit statuses, one definition for every command.

OK: everything was processed. FAILED: at least one input failed (the others
were still processed). USAGE: the command could not run (bad option, output
not writable, nothing to read). INTERRUPTED: Ctrl-C (128 + SIGINT).
"""
OK = 0
FAILED = 1
USAGE = 2
INTERRUPTED = 130
