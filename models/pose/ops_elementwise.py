"""TF elementwise ops (binary, unary, Cast, Select) → ONNX, or folded when every input is constant."""
import numpy as np

from tensors import NP_TO_ONNX, T, attr, broadcast

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
