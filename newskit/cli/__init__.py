"""The ``newskit`` command line: one module per command family over the importable packages.

``app`` (the Typer application) lives in :mod:`newskit.cli.app`; the commands that
do more than call one function have their own module (``extract``, ``check``,
``info``), and ``progress`` is the progress line of ``extract``. Commands import
from :mod:`newskit.read`, :mod:`newskit.nlp` and :mod:`newskit.write`; nothing
there imports a command.
"""
