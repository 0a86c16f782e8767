"""Event timelines from Danish news text: reading documents, running the engine, scoring.

The engine lives in ``normalise``; this package does the I/O around it.

>>> from timeline import read_documents
>>> [doc.id for doc in read_documents(["data/samples"])]  # doctest: +SKIP
['ain-al-asad']
"""

from timeline.documents import Document, DocumentError, read_documents

__all__ = ["Document", "DocumentError", "read_documents"]
