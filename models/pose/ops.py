"""TF op → ONNX (or folded numpy constant), one function per TF op, for tfjs_to_onnx.py.

Each function takes (converter, tf_node, input_tensors) and returns a T or a list of T.
"""
import numpy as np
from onnx import TensorProto

from tfjs_to_onnx import NP_TO_ONNX, T, attr

NHWC_TO_NCHW_AXIS = [0, 2, 3, 1]  # TF axis of a 4D NHWC tensor → its axis in NCHW


def broadcast(*shapes):
    return tuple(np.broadcast_shapes(*shapes))


# ---- elementwise ------------------------------------------------------------------------------
def _floordiv_np(a, b):
    return np.floor_divide(a, b) if a.dtype.kind in 'iu' else np.floor(a / b).astype(a.dtype)


BINARY = {  # tf op: (numpy fold, onnx op or builder, output is bool)
    'Add': (np.add, 'Add', False), 'AddV2': (np.add, 'Add', False), 'BiasAdd': (np.add, 'Add', False),
    'Sub': (np.subtract, 'Sub', False), 'Mul': (np.multiply, 'Mul', False),
    'RealDiv': (np.true_divide, 'Div', False), 'Div': (np.true_divide, 'Div', False),
    'Maximum': (np.maximum, 'Max', False), 'Minimum': (np.minimum, 'Min', False),
    'SquaredDifference': (lambda a, b: (a - b) * (a - b), 'SquaredDifference', False),
    'FloorDiv': (_floordiv_np, 'FloorDiv', False), 'FloorMod': (np.mod, 'FloorMod', False),
    'Less': (np.less, 'Less', True), 'Greater': (np.greater, 'Greater', True),
    'LessEqual': (np.less_equal, 'LessOrEqual', True), 'GreaterEqual': (np.greater_equal, 'GreaterOrEqual', True),
    'Equal': (np.equal, 'Equal', True), 'LogicalAnd': (np.logical_and, 'And', True),
    'LogicalOr': (np.logical_or, 'Or', True), 'Pow': (np.power, 'Pow', False),
}


def _layout_of(inputs, out_rank):
    dyn = [t for t in inputs if not t.const]
    if out_rank == 4 and any(t.layout == 'nchw' for t in dyn) and all(len(t.shape) == 4 for t in dyn):
        return 'nchw'
    return 'tf'


def _binary_onnx(c, onnx_op, a, b, is_float):
    if onnx_op == 'SquaredDifference':
        d = c.emit('Sub', [a, b], 'sqdiff')
        return c.emit('Mul', [d, d], 'sqdiff')
    if onnx_op == 'FloorDiv':
        if is_float:
            return c.emit('Floor', [c.emit('Div', [a, b], 'div')], 'floordiv')
        # [Note: exact integer floor division] (a - a mod b) / b, with Python-style mod (fmod=0).
        m = c.emit('Mod', [a, b], 'mod', fmod=0)
        return c.emit('Div', [c.emit('Sub', [a, m], 'sub'), b], 'floordiv')
    if onnx_op == 'FloorMod':
        return c.emit('Mod', [a, b], 'mod', fmod=1 if is_float else 0)
    return c.emit(onnx_op, [a, b], onnx_op.lower())


def make_binary(tf_op):
    fold, onnx_op, is_bool = BINARY[tf_op]

    def run(c, node, inputs):
        a, b = inputs
        if a.const and b.const:
            v = np.asarray(fold(a.value, b.value))
            return T(value=v.astype(a.dtype) if not is_bool else v)
        shape = broadcast(a.shape, b.shape)
        layout = _layout_of(inputs, len(shape))
        conv = c.as_nchw if layout == 'nchw' else c.as_tf
        out = _binary_onnx(c, onnx_op, conv(a), conv(b), a.dtype.kind == 'f')
        # [Note: T.shape is always TF's logical (NHWC) shape, whatever the stored layout]
        return T(out, shape, np.bool_ if is_bool else a.dtype, layout)
    return run


def add_n(c, node, inputs):
    acc = inputs[0]
    for t in inputs[1:]:
        acc = make_binary('AddV2')(c, node, [acc, t])
    return acc


UNARY = {
    'Sigmoid': (lambda x: 1 / (1 + np.exp(-x)), 'Sigmoid'), 'Relu': (lambda x: np.maximum(x, 0), 'Relu'),
    'Exp': (np.exp, 'Exp'), 'Sqrt': (np.sqrt, 'Sqrt'), 'Abs': (np.abs, 'Abs'), 'Neg': (np.negative, 'Neg'),
    'Reciprocal': (np.reciprocal, 'Reciprocal'), 'Floor': (np.floor, 'Floor'), 'Tanh': (np.tanh, 'Tanh'),
    'Identity': (lambda x: x, 'Identity'), 'Relu6': (lambda x: np.clip(x, 0, 6), 'Relu6'),
    'Rsqrt': (lambda x: 1 / np.sqrt(x), 'Rsqrt'), 'Square': (np.square, 'Square'),
}


def make_unary(tf_op):
    fold, onnx_op = UNARY[tf_op]

    def run(c, node, inputs):
        (x,) = inputs
        if x.const:
            return T(value=np.asarray(fold(x.value)).astype(x.dtype))
        out = unary_onnx(c, onnx_op, x.name)
        return T(out, x.shape, x.dtype, x.layout)
    return run


def unary_onnx(c, onnx_op, name):
    if onnx_op == 'Relu6':
        return c.emit('Clip', [name, c.initializer(np.float32(0)), c.initializer(np.float32(6))], 'relu6')
    if onnx_op == 'Rsqrt':
        return c.emit('Reciprocal', [c.emit('Sqrt', [name], 'sqrt')], 'rsqrt')
    if onnx_op == 'Square':
        return c.emit('Mul', [name, name], 'square')
    return c.emit(onnx_op, [name], onnx_op.lower())


def cast(c, node, inputs):
    (x,) = inputs
    dst = np.dtype(attr(node, 'DstT'))
    if x.const:
        return T(value=x.value.astype(dst))
    return T(c.emit('Cast', [x.name], 'cast', to=NP_TO_ONNX[dst]), x.shape, dst, x.layout)


def select(c, node, inputs):
    cond, a, b = inputs
    if len(cond.shape) != len(a.shape):
        raise NotImplementedError('Select with a lower-rank condition')
    shape = broadcast(cond.shape, a.shape, b.shape)
    return T(c.emit('Where', [c.as_tf(cond), c.as_tf(a), c.as_tf(b)], 'where'), shape, a.dtype)


# ---- convolutions and pooling ------------------------------------------------------------------
def _same_pads(size, k, s, d):
    out = -(-size // s)
    total = max((out - 1) * s + (k - 1) * d + 1 - size, 0)
    return total // 2, total - total // 2, out


def _pads(node, in_hw, k_hw, strides, dilations):
    padding = attr(node, 'padding')
    if padding == 'SAME':
        (t, b, oh), (l, r, ow) = (_same_pads(in_hw[i], k_hw[i], strides[i], dilations[i]) for i in range(2))
        return [t, l, b, r], (oh, ow)
    if padding == 'VALID':
        oh, ow = ((in_hw[i] - (k_hw[i] - 1) * dilations[i] - 1) // strides[i] + 1 for i in range(2))
        return [0, 0, 0, 0], (oh, ow)
    if padding == 'EXPLICIT':
        p = attr(node, 'explicit_paddings')
        t, b, l, r = p[2], p[3], p[4], p[5]
        oh, ow = ((in_hw[i] + pp - (k_hw[i] - 1) * dilations[i] - 1) // strides[i] + 1
                  for i, pp in ((0, t + b), (1, l + r)))
        return [t, l, b, r], (oh, ow)
    raise NotImplementedError(f'padding {padding}')


def conv(c, node, inputs):
    op = node['op']
    x, w = inputs[0], inputs[1]
    if attr(node, 'data_format', 'NHWC') != 'NHWC':
        raise NotImplementedError('data_format other than NHWC')
    depthwise = 'Depthwise' in op
    kh, kw = w.shape[0], w.shape[1]
    strides, dil = attr(node, 'strides')[1:3], (attr(node, 'dilations') or [1, 1, 1, 1])[1:3]
    in_c = x.shape[3]
    if depthwise:
        mult = w.shape[3]
        weight = w.value.transpose(2, 3, 0, 1).reshape(in_c * mult, 1, kh, kw)
        out_c, group = in_c * mult, in_c
    else:
        weight = w.value.transpose(3, 2, 0, 1)
        out_c, group = w.shape[3], 1
    pads, (oh, ow) = _pads(node, x.shape[1:3], (kh, kw), strides, dil)
    args = [c.as_nchw(x), c.initializer(np.ascontiguousarray(weight), 'w', w.half)]
    fused = attr(node, 'fused_ops') or []
    if fused and fused[0] == 'BiasAdd':
        args.append(c.initializer(inputs[2].value.astype(np.float32), 'b', inputs[2].half))
        fused = fused[1:]
    elif fused:
        raise NotImplementedError(f'fused ops {fused}')
    y = c.emit('Conv', args, 'conv', kernel_shape=[kh, kw], strides=strides, dilations=dil, pads=pads, group=group)
    for act in fused:
        if act not in ('Relu', 'Relu6'):
            raise NotImplementedError(f'fused activation {act}')
        y = unary_onnx(c, act, y)
    return T(y, (x.shape[0], oh, ow, out_c), np.float32, 'nchw')


def max_pool(c, node, inputs):
    (x,) = inputs
    k, s = attr(node, 'ksize')[1:3], attr(node, 'strides')[1:3]
    pads, (oh, ow) = _pads(node, x.shape[1:3], k, s, (1, 1))
    y = c.emit('MaxPool', [c.as_nchw(x)], 'maxpool', kernel_shape=k, strides=s, pads=pads)
    return T(y, (x.shape[0], oh, ow, x.shape[3]), x.dtype, 'nchw')


def resize_bilinear(c, node, inputs):
    x, size = inputs
    if not size.const:
        raise NotImplementedError('ResizeBilinear with a dynamic size')
    h, w = (int(v) for v in size.value)
    if attr(node, 'align_corners', False):
        mode = 'align_corners'
    elif attr(node, 'half_pixel_centers', False):
        mode = 'half_pixel'
    else:
        mode = 'asymmetric'
    sizes = c.i64([x.shape[0], x.shape[3], h, w])
    y = c.emit('Resize', [c.as_nchw(x), '', '', sizes], 'resize', mode='linear',
               coordinate_transformation_mode=mode)
    return T(y, (x.shape[0], h, w, x.shape[3]), x.dtype, 'nchw')


def mean_like(onnx_op, fold):
    def run(c, node, inputs):
        x, axes = inputs
        keep = bool(attr(node, 'keep_dims', False))
        ax = [int(a) % len(x.shape) for a in np.atleast_1d(axes.value)]
        if x.const:
            return T(value=np.asarray(fold(x.value, axis=tuple(ax), keepdims=keep)).astype(x.dtype))
        out_shape = tuple(1 if i in ax else d for i, d in enumerate(x.shape) if keep or i not in ax)
        if x.layout == 'nchw' and keep:
            src, ax, layout = x.name, sorted(NHWC_TO_NCHW_AXIS[a] for a in ax), 'nchw'
        else:
            src, layout = c.as_tf(x), 'tf'
        if onnx_op == 'ReduceSum':  # axes became an input in opset 13 for ReduceSum only
            y = c.emit(onnx_op, [src, c.i64(ax)], 'reduce', keepdims=int(keep))
        else:
            y = c.emit(onnx_op, [src], 'reduce', axes=ax, keepdims=int(keep))
        return T(y, out_shape, x.dtype, layout)
    return run


# ---- shapes and indexing -----------------------------------------------------------------------
def placeholder(c, node, inputs):
    dims = [int(d.get('size', -1)) for d in attr(node, 'shape')['shape']['dim']]
    if -1 in dims[1:3]:
        if not c.input_size:
            raise ValueError(f"input {node['name']} has a dynamic size: pass --input-size H W")
        dims[1:3] = c.input_size
    dtype = np.dtype(attr(node, 'dtype'))
    from onnx import helper
    c.inputs.append(helper.make_tensor_value_info('input', NP_TO_ONNX[dtype], dims))
    return T('input', tuple(dims), dtype)


def const(c, node, inputs):
    value, half = c.weights[node['name']]
    return T(value=value, half=half)


def shape(c, node, inputs):
    return T(value=np.array(inputs[0].shape, np.int32))


def size(c, node, inputs):
    return T(value=np.int32(np.prod(inputs[0].shape)))


def reshape_to(c, x, new_shape):
    if x.const:
        return T(value=x.value.reshape(new_shape), half=x.half)
    return T(c.emit('Reshape', [c.as_tf(x), c.i64(new_shape)], 'reshape'), new_shape, x.dtype)


def reshape(c, node, inputs):
    x, s = inputs
    return reshape_to(c, x, np.empty(x.shape, np.uint8).reshape([int(v) for v in s.value]).shape)


def squeeze(c, node, inputs):
    (x,) = inputs
    dims = [d % len(x.shape) for d in (attr(node, 'squeeze_dims') or [])] or [i for i, d in enumerate(x.shape) if d == 1]
    return reshape_to(c, x, tuple(d for i, d in enumerate(x.shape) if i not in dims))


def expand_dims(c, node, inputs):
    x, axis = inputs
    a = int(axis.value)
    a = a + len(x.shape) + 1 if a < 0 else a
    return reshape_to(c, x, x.shape[:a] + (1,) + x.shape[a:])


def pack(c, node, inputs):
    axis = attr(node, 'axis', 0)
    axis = axis + len(inputs[0].shape) + 1 if axis < 0 else axis
    if all(t.const for t in inputs):
        return T(value=np.stack([t.value for t in inputs], axis))
    parts = [reshape_to(c, t, t.shape[:axis] + (1,) + t.shape[axis:]) for t in inputs]
    return concat_tensors(c, parts, axis)


def concat_tensors(c, parts, axis):
    out_shape = list(parts[0].shape)
    out_shape[axis] = sum(t.shape[axis] for t in parts)
    if all(t.const for t in parts):
        return T(value=np.concatenate([t.value for t in parts], axis))
    if len(out_shape) == 4 and all(t.const or t.layout == 'nchw' for t in parts):
        y = c.emit('Concat', [c.as_nchw(t) for t in parts], 'concat', axis=NHWC_TO_NCHW_AXIS[axis])
        return T(y, tuple(out_shape), parts[0].dtype, 'nchw')
    return T(c.emit('Concat', [c.as_tf(t) for t in parts], 'concat', axis=axis), tuple(out_shape), parts[0].dtype)


def concat_v2(c, node, inputs):
    *parts, axis = inputs
    return concat_tensors(c, parts, int(axis.value) % len(parts[0].shape))


def split_into(c, x, axis, n):
    if x.const:
        return [T(value=v) for v in np.split(x.value, n, axis)]
    part = list(x.shape)
    part[axis] //= n
    names = c.emit('Split', [c.as_tf(x)], 'split', n_out=n, axis=axis)
    names = names if isinstance(names, list) else [names]
    return [T(nm, tuple(part), x.dtype) for nm in names]


def unpack(c, node, inputs):
    (x,) = inputs
    axis = attr(node, 'axis', 0) % len(x.shape)
    parts = split_into(c, x, axis, attr(node, 'num'))
    return [reshape_to(c, p, p.shape[:axis] + p.shape[axis + 1:]) for p in parts]


def split(c, node, inputs):
    axis, x = inputs
    return split_into(c, x, int(axis.value) % len(x.shape), attr(node, 'num_split'))


def strided_slice(c, node, inputs):
    """TF StridedSlice → numpy-style index (masks included) → Slice + Reshape."""
    x, begin, end, strides = inputs
    masks = {k: attr(node, k, 0) for k in ('begin_mask', 'end_mask', 'ellipsis_mask', 'new_axis_mask', 'shrink_axis_mask')}
    index = []
    for i, (b, e, s) in enumerate(zip(begin.value, end.value, strides.value)):
        bit = 1 << i
        if masks['ellipsis_mask'] & bit:
            index.append(Ellipsis)
        elif masks['new_axis_mask'] & bit:
            index.append(None)
        elif masks['shrink_axis_mask'] & bit:
            index.append(int(b))
        else:
            index.append(slice(None if masks['begin_mask'] & bit else int(b),
                               None if masks['end_mask'] & bit else int(e), int(s)))
    index = tuple(index)
    probe = np.empty(x.shape, np.uint8)[index]
    if x.const:
        return T(value=np.array(x.value[index]), half=x.half)
    # Expand the ellipsis, then walk the real dimensions.
    n_real = sum(1 for it in index if it is not None and it is not Ellipsis)
    full = []
    for it in index:
        full.extend([slice(None)] * (len(x.shape) - n_real) if it is Ellipsis else [it])
    real = [it for it in full if it is not None]
    real += [slice(None)] * (len(x.shape) - len(real))
    starts, ends, axes, steps = [], [], [], []
    for dim, (it, n) in enumerate(zip(real, x.shape)):
        if isinstance(it, int):
            start = it % n
            starts.append(start), ends.append(start + 1), axes.append(dim), steps.append(1)
            continue
        s0, e0, st = it.indices(n)
        if (s0, e0, st) == (0, n, 1):
            continue
        if st < 0 and e0 < 0:
            e0 = -(2 ** 62)
        starts.append(s0), ends.append(e0), axes.append(dim), steps.append(st)
    name = c.as_tf(x)
    if axes:
        name = c.emit('Slice', [name, c.i64(starts), c.i64(ends), c.i64(axes), c.i64(steps)], 'slice')
    sliced_shape = tuple(len(range(*it.indices(n))) if isinstance(it, slice) else 1 for it, n in zip(real, x.shape))
    return reshape_to(c, T(name, sliced_shape, x.dtype), probe.shape)


def tile(c, node, inputs):
    x, reps = inputs
    if x.const:
        return T(value=np.tile(x.value, reps.value))
    shape = tuple(d * int(r) for d, r in zip(x.shape, reps.value))
    return T(c.emit('Tile', [c.as_tf(x), c.i64(reps.value)], 'tile'), shape, x.dtype)


def fill(c, node, inputs):
    dims, value = inputs
    return T(value=np.full([int(d) for d in dims.value], value.value, value.dtype))


def range_op(c, node, inputs):
    start, limit, delta = inputs
    dtype = np.result_type(start.dtype, limit.dtype, delta.dtype)
    return T(value=np.arange(start.value, limit.value, delta.value).astype(dtype))


def top_k(c, node, inputs):
    x, k = inputs
    kv = int(k.value)
    shape = x.shape[:-1] + (kv,)
    values, idx = c.emit('TopK', [c.as_tf(x), c.i64([kv])], 'topk', n_out=2, axis=-1, largest=1, sorted=1)
    idx32 = c.emit('Cast', [idx], 'cast', to=TensorProto.INT32)
    return [T(values, shape, x.dtype), T(idx32, shape, np.int32)]


def arg_max(c, node, inputs):
    x, axis = inputs
    a = int(axis.value) % len(x.shape)
    out_dtype = np.dtype(attr(node, 'output_type', np.int64))
    y = c.emit('ArgMax', [c.as_tf(x)], 'argmax', axis=a, keepdims=0)
    if out_dtype != np.int64:
        y = c.emit('Cast', [y], 'cast', to=NP_TO_ONNX[out_dtype])
    return T(y, x.shape[:a] + x.shape[a + 1:], out_dtype)


def gather_nd(c, node, inputs):
    params, idx = inputs
    idx_name = c.emit('Cast', [c.as_tf(idx)], 'cast', to=TensorProto.INT64)
    shape = idx.shape[:-1] + params.shape[idx.shape[-1]:]
    return T(c.emit('GatherND', [c.as_tf(params), idx_name], 'gathernd'), shape, params.dtype)


def gather_v2(c, node, inputs):
    params, idx, axis = inputs
    a = int(axis.value) % len(params.shape)
    if attr(node, 'batch_dims', 0):
        raise NotImplementedError('GatherV2 with batch_dims')
    shape = params.shape[:a] + idx.shape + params.shape[a + 1:]
    y = c.emit('Gather', [c.as_tf(params), c.as_tf(idx)], 'gather', axis=a)
    return T(y, shape, params.dtype)


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
