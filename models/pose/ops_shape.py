"""TF shape and indexing ops → ONNX on TF's (NHWC) layout, or folded constants (static shapes)."""
import numpy as np
from onnx import TensorProto, helper

from tensors import NHWC_TO_NCHW_AXIS, NP_TO_ONNX, T, attr

def placeholder(c, node, inputs):
    dims = [int(d.get('size', -1)) for d in attr(node, 'shape')['shape']['dim']]
    if -1 in dims[1:3]:
        if not c.input_size:
            raise ValueError(f"input {node['name']} has a dynamic size: pass --input-size H W")
        dims[1:3] = c.input_size
    dtype = np.dtype(attr(node, 'dtype'))
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
