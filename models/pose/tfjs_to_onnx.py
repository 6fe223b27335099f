#!/usr/bin/python3
"""Convert a TFJS graph model (model.json + weight shards) to ONNX opset 17, without TensorFlow.

Usage: /usr/bin/python3 models/pose/tfjs_to_onnx.py <model.json> <out.onnx> [--input-size H W]

[Note: how it works]
Every TF node becomes either a folded constant (numpy, when all its inputs are constant: shape
arithmetic, ranges, meshgrids) or ONNX nodes on a dynamic tensor. Shapes are static (batch 1,
fixed input size), so the converter knows every tensor's shape and folds Shape/StridedSlice
chains away. Activations stay NCHW after the first convolution; a Transpose back to TF's NHWC is
emitted only where an op depends on the layout (Reshape, GatherNd, ...). Weights stay fp16 (the
source is fp16) behind a Cast, so the file halves and the values are bit-identical.
Needs only Debian's python3-onnx and numpy.
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ops import OPS  # noqa: E402  (the op table: one function per TF op, in ops_*.py)
from tensors import NP_TO_ONNX, OPSET, TO_NCHW, TO_NHWC  # noqa: E402

class Converter:
    def __init__(self, model_json, input_size=None):
        with open(model_json) as f:
            self.model = json.load(f)
        self.nodes = {n['name']: n for n in self.model['modelTopology']['node']}
        self.weights = self._load_weights(os.path.dirname(model_json))
        self.input_size = input_size
        self.onnx_nodes, self.initializers, self.inputs = [], [], []
        self.done, self.counter = {}, 0

    def _load_weights(self, folder):
        out = {}
        for group in self.model['weightsManifest']:
            buf = b''.join(open(os.path.join(folder, p), 'rb').read() for p in group['paths'])
            offset = 0
            for w in group['weights']:
                count = int(np.prod(w['shape'])) if w['shape'] else 1
                q = w.get('quantization')
                if q and q['dtype'] == 'float16':
                    arr = np.frombuffer(buf, np.float16, count, offset)
                    offset += 2 * count
                    out[w['name']] = (arr.reshape(w['shape']).astype(np.float32), True)
                elif q is None and w['dtype'] in ('float32', 'int32'):
                    dt = np.float32 if w['dtype'] == 'float32' else np.int32
                    arr = np.frombuffer(buf, dt, count, offset)
                    offset += 4 * count
                    out[w['name']] = (arr.reshape(w['shape']).copy(), False)
                else:
                    raise ValueError(f"weight {w['name']}: unsupported dtype/quantization {w['dtype']} {q}")
            if offset != len(buf):
                raise ValueError(f'weights: read {offset} bytes of {len(buf)}')
        return out

    # ---- emitting -------------------------------------------------------------------------
    def fresh(self, base):
        self.counter += 1
        return f'{base}__{self.counter}'

    def emit(self, op, inputs, base, n_out=1, **attrs):
        outs = [self.fresh(base) for _ in range(n_out)]
        self.onnx_nodes.append(helper.make_node(op, inputs, outs, name=outs[0], **attrs))
        return outs if n_out > 1 else outs[0]

    def initializer(self, arr, base='const', half=False):
        arr = np.asarray(arr)
        name = self.fresh(base)
        lossless = arr.dtype == np.float32 and np.array_equal(arr.astype(np.float16).astype(np.float32), arr)
        if half and arr.size >= 16 and lossless:
            self.initializers.append(numpy_helper.from_array(arr.astype(np.float16), name + '_fp16'))
            self.onnx_nodes.append(helper.make_node('Cast', [name + '_fp16'], [name], to=TensorProto.FLOAT))
        else:
            self.initializers.append(numpy_helper.from_array(arr, name))
        return name

    def i64(self, values):
        return self.initializer(np.asarray(values, np.int64), 'i64')

    def as_tf(self, t):
        """ONNX name of t in TF's layout (NHWC for 4D)."""
        if t.const:
            return self.initializer(t.value, 'c', t.half)
        if t.layout == 'tf':
            return t.name
        if 'tf' not in t.views:
            t.views['tf'] = self.emit('Transpose', [t.name], 'to_nhwc', perm=TO_NHWC)
        return t.views['tf']

    def as_nchw(self, t):
        """ONNX name of a 4D t in NCHW; constants of lower rank are broadcast-aligned."""
        if t.const:
            v = t.value.reshape((1,) * (4 - t.value.ndim) + t.value.shape) if t.value.ndim < 4 else t.value
            return self.initializer(v.transpose(TO_NCHW), 'c', t.half)
        if t.layout == 'nchw':
            return t.name
        if 'nchw' not in t.views:
            t.views['nchw'] = self.emit('Transpose', [t.name], 'to_nchw', perm=TO_NCHW)
        return t.views['nchw']

    # ---- graph walk -----------------------------------------------------------------------
    def get(self, ref):
        if ref.startswith('^'):
            return None
        name, _, idx = ref.partition(':')
        if name not in self.done:
            self.done[name] = self.convert_node(self.nodes[name])
        outs = self.done[name]
        return outs[int(idx) if idx else 0]

    def convert_node(self, node):
        op = node['op']
        inputs = [self.get(i) for i in node.get('input', []) if not i.startswith('^')]
        if op not in OPS:
            raise NotImplementedError(f"TF op {op} (node {node['name']}) is not supported")
        out = OPS[op](self, node, inputs)
        return out if isinstance(out, list) else [out]

    def convert(self, out_path, producer):
        sig = self.model.get('signature', {})
        outputs = sig.get('outputs') or {'output': {'name': 'Identity:0'}}
        graph_outputs = []
        for key, spec in outputs.items():
            t = self.get(spec['name'])
            name = self.as_tf(t)
            # One output is named 'output'; several keep their signature keys.
            out_name = 'output' if len(outputs) == 1 else key.replace(':0', '').replace('/', '_')
            self.onnx_nodes.append(helper.make_node('Identity', [name], [out_name]))
            graph_outputs.append(helper.make_tensor_value_info(out_name, NP_TO_ONNX[t.dtype], list(t.shape)))
        graph = helper.make_graph(self.onnx_nodes, 'graph', self.inputs, graph_outputs, self.initializers)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', OPSET)],
                                  producer_name=producer, ir_version=8)
        onnx.checker.check_model(model)
        onnx.save(model, out_path)
        return model


def main(argv):
    if len(argv) < 3:
        sys.exit('usage: tfjs_to_onnx.py <model.json> <out.onnx> [--input-size H W]')
    size = None
    if '--input-size' in argv:
        i = argv.index('--input-size')
        size = (int(argv[i + 1]), int(argv[i + 2]))
    sys.setrecursionlimit(10000)
    conv = Converter(argv[1], size)
    model = conv.convert(argv[2], 'actionlens tfjs_to_onnx.py')
    ops = sorted({n.op_type for n in model.graph.node})
    print(f'{argv[2]}: {len(model.graph.node)} nodes ({", ".join(ops)}), {os.path.getsize(argv[2])} bytes')


if __name__ == '__main__':
    main(sys.argv)
