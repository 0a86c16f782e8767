"""Event timelines from Danish news text: documents, events, ordering, exports, scoring.

The engine lives in ``normalise``; this package does the I/O around it.

>>> from timeline import read_documents
>>> [doc.id for doc in read_documents(["data/samples"])]  # doctest: +SKIP
['ain-al-asad']
"""

from timeline.builder import Built, build, build_with_failures
from timeline.documents import Document, DocumentError, read_documents
from timeline.model import Timeline

__all__ = ["Built", "Document", "DocumentError", "Timeline", "build", "build_with_failures", "read_documents"]
