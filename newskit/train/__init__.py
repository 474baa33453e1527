"""Training commands: rebuild newskit's learned weights from annotated data.

    python -m newskit.train speakers --data DIR --out models/speakers.json

``speakers``: the speaker ranker (``newskit/nlp/quotes/ranker.py``) from PolNeAR-format data
(``text/*.txt`` and brat ``attributions/*.ann``), see ``newskit/train/speakers.py``.
Runtime never imports this package.
"""
