"""Web inputs for ``newskit extract``: URLs, URL lists, feeds and sitemaps.

One module per concern:

* :mod:`.safety` – which schemes and addresses a download may reach;
* :mod:`.robots` – robots.txt, per host;
* :mod:`.polite` – one request at a time per host, delays, back-off;
* :mod:`.download` – one polite, guarded GET through urllib3;
* :mod:`.store` – pages kept with ``--save-html`` and read back ``--offline``;
* :mod:`.discover` – feeds and sitemaps to article URLs (trafilatura's parsers);
* :mod:`.reader` – the article stream, downloads in threads ahead of the parse.
"""
from .download import FetchSettings
from .reader import WebInputs, WebOptions, WebReader, is_url

__all__ = ["FetchSettings", "WebInputs", "WebOptions", "WebReader", "is_url"]
