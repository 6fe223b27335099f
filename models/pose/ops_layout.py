"""TF convolutions, pooling, resizing and reductions → ONNX, activations kept NCHW."""
import numpy as np

from ops_elementwise import unary_onnx
from tensors import NHWC_TO_NCHW_AXIS, T, attr

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
