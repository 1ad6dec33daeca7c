"""The thin client (``pip install 'llmdex[client]'``): one call done right per protocol.

Dispatch is the table :data:`~llmdex.client.client.WIRES`, keyed by the generated
:class:`~llmdex.records.protocol.Protocol` of the model or its provider.
"""

from llmdex.client.client import Client, Completion, Embeddings, Stream

__all__ = ["Client", "Completion", "Embeddings", "Stream"]
