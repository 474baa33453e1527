"""newskit's exit statuses, one definition for every command.

OK: everything was processed. FAILED: at least one input failed (the others
were still processed). USAGE: the command could not run (bad option, output
not writable, nothing to read). INTERRUPTED: Ctrl-C (128 + SIGINT).
"""
OK = 0
FAILED = 1
USAGE = 2
INTERRUPTED = 130

# the exit statuses as --help's epilogue ("\b": Click keeps the lines as they are)
EPILOG = ("\b\nExit status: 0 all done, 1 some input failed (the others were processed), "
          "2 usage error, 130 interrupted.")
