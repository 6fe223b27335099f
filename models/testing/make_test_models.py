#!/usr/bin/python3
"""Tiny random-weight models of every family, for the analysis engine's tests.

Run with Debian's PyTorch (not the pyenv python first on PATH):

    /usr/bin/python3 models/testing/make_test_models.py [--out test/fixtures/models]

Each model is written as <out>/<id>/{model.onnx, manifest.json, reference.json}. The weights are
random but seeded, so a re-run writes the same graphs; reference.json holds PyTorch's output for
a deterministic input, so a test can check that onnxruntime-node computes what PyTorch did. The
models recognise nothing: they exist to exercise shapes, layouts, state and windows for real.
"""
import argparse
import json
import math
import os
import warnings

import torch
from torch import nn

# torch.onnx's exporter warns about LSTM batch sizes (the state is an explicit input here, which
# is what it recommends) and about constant shape inference; neither affects these graphs.
warnings.filterwarnings('ignore', category=UserWarning)

LABELS = ['idle', 'walk', 'run', 'jump', 'wave', 'clap', 'punch', 'kick', 'sit_down', 'stand_up', 'fall']
SIZE = 32
HIDDEN = 16
OPSET = 17
IMAGENET = {'mean': [0.485, 0.456, 0.406], 'std': [0.229, 0.224, 0.225]}
MMACTION_BGR = {'mean': [103.53, 116.28, 123.675], 'std': [57.375, 57.12, 58.395]}
# Random heads give near-uniform softmax; scaling the last layer makes the test models confident
# and content-dependent, so segments and thresholds have something to work on.
HEAD_GAIN = 40.0
FARNEBACK = {'pyrScale': 0.5, 'levels': 3, 'winsize': 15, 'iterations': 3, 'polyN': 5, 'polySigma': 1.2}


def frame_cnn(in_channels=3):
    # Strided convolutions then global pooling: a 16-number descriptor of one frame.
    return nn.Sequential(
        nn.Conv2d(in_channels, 8, 3, stride=2, padding=1), nn.ReLU(),
        nn.Conv2d(8, HIDDEN, 3, stride=2, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(),
    )


class FrameClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = frame_cnn()
        self.head = nn.Linear(HIDDEN, len(LABELS))

    def forward(self, rgb):
        return self.head(self.features(rgb))


class Recurrent(nn.Module):
    """CNN per frame, then an LSTM whose state enters and leaves the graph explicitly."""

    def __init__(self):
        super().__init__()
        self.features = frame_cnn()
        self.lstm = nn.LSTM(HIDDEN, HIDDEN, batch_first=True)
        self.head = nn.Linear(HIDDEN, len(LABELS))

    def forward(self, rgb, h0, c0):
        n, t = rgb.shape[0], rgb.shape[1]
        feats = self.features(rgb.reshape(n * t, 3, SIZE, SIZE)).reshape(n, t, HIDDEN)
        out, (hn, cn) = self.lstm(feats, (h0, c0))
        return self.head(out), hn, cn


class Clip3d(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv3d(3, 8, 3, stride=(1, 2, 2), padding=1), nn.ReLU(),
            nn.Conv3d(8, HIDDEN, 3, stride=2, padding=1), nn.ReLU(),
            nn.AdaptiveAvgPool3d(1), nn.Flatten(),
            nn.Linear(HIDDEN, len(LABELS)),
        )

    def forward(self, rgb):
        return self.net(rgb)


class TwoStream(nn.Module):
    def __init__(self, pairs):
        super().__init__()
        self.rgb = frame_cnn(3)
        self.flow = frame_cnn(2 * pairs)
        self.head = nn.Linear(2 * HIDDEN, len(LABELS))

    def forward(self, rgb, flow):
        return self.head(torch.cat([self.rgb(rgb), self.flow(flow)], dim=1))


def preprocess(resize='stretch', color='RGB', value_range='0-1', norm=None, short_side=None):
    norm = norm or IMAGENET
    spec = {'width': SIZE, 'height': SIZE, 'resize': resize, 'interpolation': 'bilinear',
            'colorOrder': color, 'valueRange': value_range, 'mean': norm['mean'], 'std': norm['std']}
    if short_side is not None:
        spec['shortSide'] = short_side
    return spec


def manifest(model_id, family, architecture, inputs, output_name='logits', **extra):
    return {
        'schemaVersion': 1, 'id': model_id, 'name': f'Test model: {architecture} (random weights)',
        'version': '0.1.0', 'family': family, 'architecture': architecture, 'labels': LABELS,
        'inputs': inputs, 'output': {'name': output_name, 'kind': 'logits'},
        'training': {'command': 'models/testing/make_test_models.py', 'seed': 1234},
        **extra,
    }


def patterned(*shape):
    """A deterministic input anyone can rebuild: sin of the flat index, in [-1, 1]."""
    count = math.prod(shape)
    return torch.sin(torch.arange(count, dtype=torch.float32) * 0.37).reshape(*shape)


def export(out_dir, model_id, module, args, input_names, output_names, dynamic_axes, spec):
    with torch.no_grad():
        last_linear = [m for m in module.modules() if isinstance(m, nn.Linear)][-1]
        last_linear.weight.mul_(HEAD_GAIN)
    folder = os.path.join(out_dir, model_id)
    os.makedirs(folder, exist_ok=True)
    module.eval()
    path = os.path.join(folder, 'model.onnx')
    torch.onnx.export(module, args, path, opset_version=OPSET, input_names=input_names,
                      output_names=output_names, dynamic_axes=dynamic_axes, do_constant_folding=True)
    with torch.no_grad():
        outputs = module(*args)
    outputs = outputs if isinstance(outputs, tuple) else (outputs,)
    reference = {
        'input': 'sin(0.37 * i) over the flat index i of each input, in the shapes below',
        'inputs': {name: list(a.shape) for name, a in zip(input_names, args)},
        'outputs': {name: {'dims': list(o.shape), 'data': [round(v, 6) for v in o.flatten().tolist()]}
                    for name, o in zip(output_names, outputs)},
    }
    with open(os.path.join(folder, 'manifest.json'), 'w') as f:
        json.dump(spec, f, indent=2)
        f.write('\n')
    with open(os.path.join(folder, 'reference.json'), 'w') as f:
        json.dump(reference, f)
        f.write('\n')
    print(f'{model_id}: {os.path.getsize(path)} bytes')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--out', default=os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'models'))
    out = parser.parse_args().out
    torch.manual_seed(1234)

    rgb_nchw = {'name': 'rgb', 'layout': 'NCHW', 'shape': ['N', 3, SIZE, SIZE]}
    export(out, 'test-frame', FrameClassifier(), (patterned(2, 3, SIZE, SIZE),), ['rgb'], ['logits'],
           {'rgb': {0: 'N'}, 'logits': {0: 'N'}},
           manifest('test-frame', 'frame-classifier', 'tiny-cnn', {'rgb': rgb_nchw}, preprocess=preprocess()))

    state = [{'input': 'h0', 'output': 'hn', 'shape': [1, 1, HIDDEN]},
             {'input': 'c0', 'output': 'cn', 'shape': [1, 1, HIDDEN]}]
    export(out, 'test-recurrent', Recurrent(),
           (patterned(1, 4, 3, SIZE, SIZE), patterned(1, 1, HIDDEN) * 0.5, patterned(1, 1, HIDDEN) * 0.25),
           ['rgb', 'h0', 'c0'], ['logits', 'hn', 'cn'], {'rgb': {1: 'T'}, 'logits': {1: 'T'}},
           manifest('test-recurrent', 'recurrent', 'tiny-cnn-lstm',
                    {'rgb': {'name': 'rgb', 'layout': 'NTCHW', 'shape': [1, 'T', 3, SIZE, SIZE]}, 'state': state},
                    preprocess=preprocess(norm={'mean': [0.5, 0.5, 0.5], 'std': [0.5, 0.5, 0.5]})))

    clip_length, interval = 8, 2
    export(out, 'test-clip', Clip3d(), (patterned(2, 3, clip_length, SIZE, SIZE),), ['rgb'], ['logits'],
           {'rgb': {0: 'N'}, 'logits': {0: 'N'}},
           manifest('test-clip', 'clip', 'tiny-c3d',
                    {'rgb': {'name': 'rgb', 'layout': 'NCTHW', 'shape': ['N', 3, clip_length, SIZE, SIZE]}},
                    clip={'length': clip_length, 'frameInterval': interval},
                    preprocess=preprocess('short-side-crop', 'BGR', '0-255', MMACTION_BGR, short_side=40)))

    pairs = 2
    export(out, 'test-two-stream', TwoStream(pairs), (patterned(2, 3, SIZE, SIZE), patterned(2, 2 * pairs, SIZE, SIZE)),
           ['rgb', 'flow'], ['logits'], {'rgb': {0: 'N'}, 'flow': {0: 'N'}, 'logits': {0: 'N'}},
           manifest('test-two-stream', 'two-stream', 'tiny-two-stream',
                    {'rgb': rgb_nchw, 'flow': {'name': 'flow', 'layout': 'NCHW', 'shape': ['N', 2 * pairs, SIZE, SIZE]}},
                    clip={'length': pairs + 1, 'frameInterval': 1},
                    flow={'algorithm': 'farneback', 'pairs': pairs, 'width': SIZE, 'height': SIZE,
                          'params': FARNEBACK, 'bound': 20},
                    preprocess=preprocess()))


if __name__ == '__main__':
    main()
