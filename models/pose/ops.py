"""The TF op → converter function table for tfjs_to_onnx.py.

Each function takes (converter, tf_node, input_tensors) and returns a T or a list of T.
"""
import numpy as np

from ops_elementwise import BINARY, UNARY, add_n, cast, make_binary, make_unary, select
from ops_layout import conv, max_pool, mean_like, resize_bilinear
from ops_shape import (arg_max, concat_v2, const, expand_dims, fill, gather_nd, gather_v2, pack, placeholder,
                       range_op, reshape, shape, size, split, squeeze, strided_slice, tile, top_k, unpack)

OPS = {
    'Const': const, 'Placeholder': placeholder, 'Cast': cast, 'Select': select, 'SelectV2': select,
    '_FusedConv2D': conv, 'Conv2D': conv, 'DepthwiseConv2dNative': conv, 'FusedDepthwiseConv2dNative': conv,
    'MaxPool': max_pool, 'ResizeBilinear': resize_bilinear, 'AddN': add_n,
    'Mean': mean_like('ReduceMean', np.mean), 'Sum': mean_like('ReduceSum', np.sum),
    'Max': mean_like('ReduceMax', np.max),
    'Shape': shape, 'Size': size, 'Reshape': reshape, 'Squeeze': squeeze, 'ExpandDims': expand_dims,
    'Pack': pack, 'Unpack': unpack, 'ConcatV2': concat_v2, 'Split': split, 'StridedSlice': strided_slice,
    'Tile': tile, 'Fill': fill, 'Range': range_op, 'TopKV2': top_k, 'ArgMax': arg_max,
    'GatherNd': gather_nd, 'GatherV2': gather_v2,
}
OPS.update({k: make_binary(k) for k in BINARY})
OPS.update({k: make_unary(k) for k in UNARY})
