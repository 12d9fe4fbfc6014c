"""The NumPy peer of the training-step benchmark (org.gradus.bench.Benchmarks, -Dbench.args=steps).

Hand-written NumPy for the same two steps: the MLP 784-500-10 (tanh, softmax, mean negative
log-likelihood with L1 = 0.001 and L2 = 0.0001 on both weight matrices, SGD at 0.01) and the denoising
autoencoder 784-500 (tied weights, 30% binomial corruption, cross-entropy, SGD at 0.1), with the
minibatch sliced from a data set held in memory, as the Gradus step takes it through givens.
Prints examples/s per workload. Run it in the same minutes as the Gradus benchmark:

    python3 engine/src/test/python/numpy_steps.py
"""
import time

import numpy as np


def timed(step, batch, seconds=3.0):
    for _ in range(20):
        step(0)
    calls, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        step(calls)
        calls += 1
    return calls * batch / (time.perf_counter() - start)


def mlp(dtype, batch, rng):
    x_all = rng.random((10000, 784), dtype=np.float64).astype(dtype)
    y_all = rng.integers(0, 10, 10000)
    bound = np.sqrt(6.0 / (784 + 500))
    w1 = rng.uniform(-bound, bound, (784, 500)).astype(dtype)
    b1 = np.zeros(500, dtype)
    w2 = np.zeros((500, 10), dtype)
    b2 = np.zeros(10, dtype)
    lr, l1, l2 = dtype(0.01), dtype(0.001), dtype(0.0001)
    batches = 10000 // batch

    def step(i):
        nonlocal w1, b1, w2, b2
        k = i % batches
        x, y = x_all[k * batch:(k + 1) * batch], y_all[k * batch:(k + 1) * batch]
        h = np.tanh(x @ w1 + b1)
        z = h @ w2 + b2
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        dz = p
        dz[np.arange(batch), y] -= 1
        dz /= batch
        gw2 = h.T @ dz + l1 * np.sign(w2) + 2 * l2 * w2
        dh = (dz @ w2.T) * (1 - h * h)
        gw1 = x.T @ dh + l1 * np.sign(w1) + 2 * l2 * w1
        w1 -= lr * gw1
        b1 -= lr * dh.sum(axis=0)
        w2 -= lr * gw2
        b2 -= lr * dz.sum(axis=0)

    return step


def dae(dtype, batch, rng):
    x_all = rng.random((10000, 784), dtype=np.float64).astype(dtype)
    bound = 4 * np.sqrt(6.0 / (784 + 500))
    w = rng.uniform(-bound, bound, (784, 500)).astype(dtype)
    b = np.zeros(500, dtype)
    bp = np.zeros(784, dtype)
    lr = dtype(0.1)
    batches = 10000 // batch

    def step(i):
        k = i % batches
        x = x_all[k * batch:(k + 1) * batch]
        xt = x * (rng.random(x.shape, dtype=np.float32) < 0.7)
        y = 1 / (1 + np.exp(-(xt @ w + b)))
        z = 1 / (1 + np.exp(-(y @ w.T + bp)))
        dz = (z - x) / batch
        dy = (dz @ w) * y * (1 - y)
        w[...] -= lr * (xt.T @ dy + dz.T @ y)
        b[...] -= lr * dy.sum(axis=0)
        bp[...] -= lr * dz.sum(axis=0)

    return step


if __name__ == "__main__":
    rng = np.random.default_rng(2016)
    print("numpy", np.__version__)
    for dtype in (np.float32, np.float64):
        for batch in (20, 128):
            print(f"numpy MLP step {dtype.__name__} minibatch {batch}: {timed(mlp(dtype, batch, rng), batch):,.0f} examples/s")
        for batch in (20, 128):
            print(f"numpy DAE step {dtype.__name__} minibatch {batch}: {timed(dae(dtype, batch, rng), batch):,.0f} examples/s")
