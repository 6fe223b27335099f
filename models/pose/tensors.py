"""Shared by the converter's modules: the tensor record, TF attribute decoding, dtype tables."""
import base64

import numpy as np
from onnx import TensorProto

OPSET = 17
NP_TO_ONNX = {np.dtype('float32'): TensorProto.FLOAT, np.dtype('float16'): TensorProto.FLOAT16,
              np.dtype('int32'): TensorProto.INT32, np.dtype('int64'): TensorProto.INT64,
              np.dtype('bool'): TensorProto.BOOL}
TF_DTYPES = {'DT_FLOAT': np.float32, 'DT_INT32': np.int32, 'DT_INT64': np.int64, 'DT_BOOL': np.bool_,
             'DT_HALF': np.float16}
TO_NCHW, TO_NHWC = [0, 3, 1, 2], [0, 2, 3, 1]


class T:
    """A converted tensor: a constant (value) or an ONNX tensor name with static shape, dtype, layout."""

    def __init__(self, name=None, shape=None, dtype=None, layout='tf', value=None, half=False):
        self.name, self.value, self.layout, self.half = name, value, layout, half
        self.shape = tuple(value.shape) if value is not None else tuple(shape)
        self.dtype = np.dtype(value.dtype if value is not None else dtype)
        self.views = {}

    @property
    def const(self):
        return self.value is not None


def attr(node, key, default=None):
    a = node.get('attr', {}).get(key)
    if a is None:
        return default
    if 'list' in a:
        lst = a['list']
        if 's' in lst:
            return [base64.b64decode(s).decode() for s in lst['s']]
        return [int(i) for i in lst.get('i', [])]
    if 's' in a:
        return base64.b64decode(a['s']).decode()
    if 'i' in a:
        return int(a['i'])
    if 'f' in a:
        return float(a['f'])
    if 'b' in a:
        return bool(a['b'])
    if 'type' in a:
        return TF_DTYPES[a['type']]
    return a


NHWC_TO_NCHW_AXIS = [0, 2, 3, 1]  # TF axis of a 4D NHWC tensor → its axis in NCHW


def broadcast(*shapes):
    return tuple(np.broadcast_shapes(*shapes))
