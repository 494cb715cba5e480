using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using JobTitleStudio.Core.Features;

namespace JobTitleStudio.Core.Learning;

/// <summary>One title with its labels on some of a model's axes: a step of multi-task training.</summary>
/// <param name="Labels">Per axis the label indexes; axes without labels are left out.</param>
internal readonly record struct MultiTaskExample(TitleInput Input, float Weight, (int Axis, int[] Labels)[] Labels);

/// <summary>
/// Low-rank linear classifier trained by SGD (fastText's architecture), multi-task: one embedding table shared
/// by every axis of a model and one output layer per axis. A title's hidden vector (the average of its
/// features' embedding rows) is computed once per prediction and serves every axis, and the embedding, most
/// of the model's memory, exists once. Output layers are stored category-major (one row per category: its
/// Dimension weights, then its bias) in small copy-on-write chunks, so a correction, which updates only
/// the true and the most competitive categories, copies a few kilobytes instead of the whole layer.
/// </summary>
public sealed class LinearModel
{
    private const int OutputRowsPerChunkLog2 = 0;
    private const int OutputChunksPerPageLog2 = 4;

    /// <summary>
    /// Categories a correction's gradient updates besides the true ones: those with the highest predicted
    /// probability. The rest hold a negligible share of the softmax, so their gradient is left out (as
    /// sampled softmax does) rather than copying every category's weights for each correction.
    /// </summary>
    internal const int CorrectionCompetitors = 32;

    /// <summary>Probability below which a category's share of a training step's output gradient is skipped.</summary>
    private const float NegligibleGradient = 1e-6f;

    /// <summary>
    /// Axes with at least this many categories are scored for predictions from an 8-bit copy of their output
    /// layer (<see cref="QuantisedLayer"/>): a quarter of the bytes streamed per title for the 1,017 occupations,
    /// where a small axis's layer costs little and keeps its exact scores.
    /// </summary>
    internal const int QuantisedFrom = 128;

    /// <summary>
    /// The embedding in 16-bit floats, as the model file stores it, so a loaded model reads half the bytes of
    /// floats per row and a saved one predicts exactly as it did live. A correction changes one row per feature
    /// of its title, scattered by the hash: each is written as a new version (0.2 KB per feature), where a
    /// copy-on-write tree also copied a page of references per feature and its 16 KB root.
    /// </summary>
    private readonly VersionedRowsWriter _embedding;
    private readonly ChunkedRowsWriter<float>[] _outputs;

    /// <summary>Per axis its 8-bit copy for predictions, null for a small axis (see <see cref="QuantisedFrom"/>).</summary>
    private readonly ChunkedRowsWriter<byte>?[] _quantised;

    /// <summary>Per quantised axis the output rows a correction changed since the last publish, whose copies are stale.</summary>
    private readonly List<int>?[] _changed;

    /// <summary>Every 8-bit row is stale: after a training run or a read, which change every output row.</summary>
    private bool _requantiseAll = true;
    private readonly int[] _categoryCounts;
    private readonly bool[] _multiLabel;
    private Snapshot _snapshot;

    /// <summary>
    /// The embedding in floats (row-major) during a training run, whose many small steps would be rounded away
    /// in 16 bits; null outside one. The run ends by rounding it into the 16-bit table once.
    /// </summary>
    private float[]? _training;

    private float[]? _updateHidden;
    private float[]? _updateScores;

    /// <param name="heads">Per axis its category count and whether it is multi-label.</param>
    /// <param name="initialiseWeights">False when the weights are about to be read from a model file.</param>
    public LinearModel(IReadOnlyList<(int CategoryCount, bool MultiLabel)> heads, LinearOptions options, bool initialiseWeights = true)
    {
        ArgumentNullException.ThrowIfNull(heads);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (heads.Count == 0 || heads.Any(h => h.CategoryCount < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(heads), "A linear model needs at least one axis, each with at least one category.");
        }
        Options = options;
        _categoryCounts = [.. heads.Select(h => h.CategoryCount)];
        _multiLabel = [.. heads.Select(h => h.MultiLabel)];
        Dimension = DimensionFor(_categoryCounts.Max(), options.Dimension);
        _embedding = new VersionedRowsWriter(options.Buckets, Dimension);
        _outputs = [.. _categoryCounts.Select(count => new ChunkedRowsWriter<float>(count, Dimension + 1, OutputRowsPerChunkLog2, OutputChunksPerPageLog2))];
        _quantised = [.. _categoryCounts.Select(count => count < QuantisedFrom ? null : QuantisedLayer.Writer(count, Dimension))];
        _changed = [.. _quantised.Select(q => q is null ? null : new List<int>())];
        if (initialiseWeights)
        {
            Span<float> row = stackalloc float[Dimension];
            for (var c = 0; c < _embedding.ChunkCount; c++)
            {
                var chunk = _embedding.Unpublished(c);
                for (var k = 0; k * Dimension < chunk.Length; k++)
                {
                    InitialiseRow(c * VersionedRowsWriter.RowsPerChunk + k, row);
                    ToHalf(row, chunk.Slice(k * Dimension, Dimension));
                }
            }
        }
        // Weights about to be read from a file are seen by no reader until the read publishes them, so the
        // placeholder snapshot must not mark the tables shared: that would make the read copy every chunk
        // (the whole embedding, twice its size in memory while loading).
        _snapshot = initialiseWeights ? Publish() : new Snapshot(_embedding.Peek(), [.. _outputs.Select(o => o.Peek())], [.. _quantised.Select(q => q?.Peek())], options.Buckets, _multiLabel);
    }

    public LinearOptions Options { get; }

    /// <summary>
    /// Width of the shared embedding: <see cref="LinearOptions.Dimension"/>, or less when even the largest
    /// axis has few categories.
    /// </summary>
    public int Dimension { get; }

    public int AxisCount => _categoryCounts.Length;

    /// <summary>The published weights; the model captures it with the other learners' so one update is seen whole.</summary>
    internal Snapshot Current => Volatile.Read(ref _snapshot);

    /// <summary>Set by a model that tells which snapshots its predictions still read (<see cref="ForgetBefore"/>).</summary>
    internal bool VersionsTrimmedByModel
    {
        set => _embedding.TrimmedByOwner = value;
    }

    /// <summary>No prediction reads a snapshot older than <paramref name="oldestRead"/> any more: the rows they alone read can go.</summary>
    internal void ForgetBefore(Snapshot oldestRead) => _embedding.ForgetBefore(oldestRead.EmbeddingVersion);

    /// <summary>
    /// Twice the category count, rounded up to a multiple of 8 (whole SIMD vectors), at least 16 and at
    /// most <paramref name="dimension"/>: a 26-category axis does not need the 100 dimensions that 1,017
    /// occupations use, and the embedding (Buckets x width floats) is most of a model's memory and file.
    /// </summary>
    internal static int DimensionFor(int categoryCount, int dimension) =>
        Math.Min(dimension, Math.Max(16, (2 * categoryCount + 7) / 8 * 8));

    /// <summary>One incremental update on one axis (a correction or an imported row), published at once.</summary>
    public void Learn(int axis, LearningExample example)
    {
        // The writer's own scratch (one writer at a time): a correction allocates only the rows it copies.
        _updateHidden ??= new float[Dimension];
        _updateScores ??= new float[_categoryCounts.Max()];
        var step = new MultiTaskExample(example.Input, example.Weight, [(axis, example.Labels)]);
        for (var s = 0; s < Options.UpdateSteps; s++)
        {
            Step(step, Options.UpdateLearningRate, _updateHidden, _updateScores, CorrectionCompetitors);
        }
        PublishNow();
    }

    /// <summary>
    /// Training from scratch with a report after each epoch (the fraction done) and cancellation checked
    /// every epoch, because this is the one learner whose full training takes long.
    /// </summary>
    internal void Learn(IReadOnlyList<MultiTaskExample> examples, Action<double>? epochDone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ResetWeights();
        var order = new int[examples.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        var random = new Random(Options.Seed);
        var h = new float[Dimension];
        var scores = new float[_categoryCounts.Max()];
        var totalSteps = (double)Options.Epochs * order.Length;
        var done = 0L;
        try
        {
            for (var epoch = 0; epoch < Options.Epochs; epoch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                random.Shuffle(order);
                foreach (var index in order)
                {
                    var rate = (float)(Options.LearningRate * (1.0 - done / totalSteps));
                    Step(examples[index], rate, h, scores, int.MaxValue);
                    done++;
                }
                epochDone?.Invoke((epoch + 1.0) / Options.Epochs);
            }
        }
        finally
        {
            EndTraining();
        }
        PublishNow();
    }

    /// <summary>
    /// One more epoch over extra examples, keeping what was learned, then one publish: how the titles held
    /// out to fit the blend join the model without a second full training run. The step starts at one
    /// epoch's share of the learning rate and decays to zero, so the pass refines rather than overwrites.
    /// </summary>
    internal void Continue(IReadOnlyList<MultiTaskExample> examples)
    {
        // Rounding at the end rewrites every row: a training pass, not a correction.
        var embedding = _embedding.Peek();
        _training = GC.AllocateUninitializedArray<float>(embedding.RowCount * Dimension);
        for (var r = 0; r < embedding.RowCount; r++)
        {
            TensorPrimitives.ConvertToSingle(embedding.Row(r), _training.AsSpan(r * Dimension, Dimension));
        }
        var h = new float[Dimension];
        var scores = new float[_categoryCounts.Max()];
        var order = Enumerable.Range(0, examples.Count).ToArray();
        new Random(Options.Seed).Shuffle(order);
        var start = Options.LearningRate / Options.Epochs;
        try
        {
            for (var i = 0; i < order.Length; i++)
            {
                Step(examples[order[i]], start * (1f - (float)i / order.Length), h, scores, int.MaxValue);
            }
        }
        finally
        {
            EndTraining();
        }
        PublishNow();
    }

    internal void ReadState(BinaryReader reader)
    {
        // The file's 16-bit rows are the table's own: one read per chunk, no conversion.
        for (var c = 0; c < _embedding.ChunkCount; c++)
        {
            BinaryArrays.ReadExactly(reader, MemoryMarshal.AsBytes(_embedding.Unpublished(c)));
        }
        foreach (var output in _outputs)
        {
            ReadRows(reader, output);
        }
        _requantiseAll = true;
        PublishNow();
    }

    private static void ReadRows(BinaryReader reader, ChunkedRowsWriter<float> rows)
    {
        for (var r = 0; r < rows.RowCount; r++)
        {
            BinaryArrays.ReadExactly(reader, MemoryMarshal.AsBytes(rows.WritableRow(r)));
        }
    }

    private static void WriteRows(BinaryWriter writer, ChunkedRows<float> rows)
    {
        for (var r = 0; r < rows.RowCount; r++)
        {
            writer.Write(MemoryMarshal.AsBytes(rows.Row(r)));
        }
    }

    /// <param name="competitors">
    /// How many of the other categories each output gradient updates, highest probability first; every
    /// category when it is at least the category count (the exact softmax gradient of a training run).
    /// </param>
    private void Step(MultiTaskExample example, float rate, float[] h, float[] scoreBuffer, int competitors)
    {
        var features = example.Input.Features;
        var training = _training;
        if (example.Labels.Length == 0 || !(training is null ? Hidden(_embedding.Peek(), features, h, Options.Buckets) : Hidden(training, features, h, Options.Buckets)))
        {
            return;
        }
        var dim = Dimension;
        Span<float> gradHidden = stackalloc float[dim];
        gradHidden.Clear();
        var scale = rate * example.Weight;
        Span<int> topBuffer = stackalloc int[Math.Min(competitors, CorrectionCompetitors)];
        foreach (var (axis, labels) in example.Labels)
        {
            if (labels.Length == 0)
            {
                continue;
            }
            var count = _categoryCounts[axis];
            var scores = scoreBuffer.AsSpan(0, count);
            var output = _outputs[axis];
            var changed = training is null ? _changed[axis] : null;
            Scores(output.Peek(), h, scores);
            Activate(scores, _multiLabel[axis]);

            // scores becomes the loss gradient with respect to the scores, pre-multiplied by the step.
            var share = _multiLabel[axis] ? 1f : 1f / labels.Length;
            foreach (var label in labels)
            {
                scores[label] -= share;
            }
            TensorPrimitives.Multiply(scores, scale, scores);

            if (competitors >= count)
            {
                // Once the softmax has peaked most categories' gradients are a millionth of the step or less;
                // moving their weights by that much changes nothing measurable and costs most of a step.
                var negligible = NegligibleGradient * scale;
                for (var c = 0; c < count; c++)
                {
                    if (MathF.Abs(scores[c]) >= negligible)
                    {
                        UpdateOutput(output, c, scores[c], h, gradHidden);
                        changed?.Add(c);
                    }
                }
            }
            else
            {
                foreach (var label in labels)
                {
                    UpdateOutput(output, label, scores[label], h, gradHidden);
                    changed?.Add(label);
                    scores[label] = 0;
                }
                // Each other category's gradient is its probability times the step, so the largest gradients
                // are the most probable competitors; the true labels, zeroed above, are never among them.
                var top = topBuffer[..Math.Min(topBuffer.Length, count)];
                var found = TopSelection.Largest(scores, top, floor: 0);
                foreach (var c in top[..found])
                {
                    UpdateOutput(output, c, scores[c], h, gradHidden);
                    changed?.Add(c);
                }
            }
        }

        var norm = Norm(features.Values);
        var ids = features.Ids;
        var values = features.Values;
        if (training is not null)
        {
            for (var i = 0; i < ids.Length; i++)
            {
                var row = training.AsSpan(RowOf(ids[i], Options.Buckets) * dim, dim);
                TensorPrimitives.MultiplyAdd(gradHidden, -values[i] / norm, row, row);
            }
            return;
        }
        // A correction: each row is read into floats, moved, and rounded back into its new 16-bit version.
        Span<float> updated = stackalloc float[dim];
        for (var i = 0; i < ids.Length; i++)
        {
            var row = _embedding.WritableRow(RowOf(ids[i], Options.Buckets));
            TensorPrimitives.ConvertToSingle(row, updated);
            TensorPrimitives.MultiplyAdd(gradHidden, -values[i] / norm, updated, updated);
            ToHalf(updated, row);
        }
    }

    /// <summary>One category's share of the backward pass: its weights feed the hidden gradient, then move.</summary>
    private static void UpdateOutput(ChunkedRowsWriter<float> output, int category, float gradient, ReadOnlySpan<float> h, Span<float> gradHidden)
    {
        if (gradient == 0)
        {
            return;
        }
        var dim = h.Length;
        var row = output.WritableRow(category);
        var weights = row[..dim];
        TensorPrimitives.MultiplyAdd(weights, gradient, gradHidden, gradHidden);
        TensorPrimitives.MultiplyAdd(h, -gradient, weights, weights);
        row[dim] -= gradient;
    }

    private static bool Hidden(VersionedRows embedding, FeatureVector features, Span<float> h, int buckets)
    {
        h.Clear();
        var norm = Norm(features.Values);
        if (norm <= 0)
        {
            return false;
        }
        var ids = features.Ids;
        var values = features.Values;
        Span<int> rows = ids.Length <= 256 ? stackalloc int[ids.Length] : new int[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            rows[i] = RowOf(ids[i], buckets);
        }
        embedding.Prefetch(rows);
        for (var i = 0; i < rows.Length; i++)
        {
            Vectors.MultiplyAddHalf(embedding.Row(rows[i]), values[i] / norm, h);
        }
        return true;
    }

    /// <summary>The hidden vector during a training run, from the float table.</summary>
    private static bool Hidden(float[] embedding, FeatureVector features, Span<float> h, int buckets)
    {
        h.Clear();
        var norm = Norm(features.Values);
        if (norm <= 0)
        {
            return false;
        }
        var dim = h.Length;
        var ids = features.Ids;
        var values = features.Values;
        for (var i = 0; i < ids.Length; i++)
        {
            TensorPrimitives.MultiplyAdd(embedding.AsSpan(RowOf(ids[i], buckets) * dim, dim), values[i] / norm, h, h);
        }
        return true;
    }

    /// <param name="first">The first category to score; those before it are left as they are.</param>
    private static void Scores(ChunkedRows<float> output, ReadOnlySpan<float> h, Span<float> scores, int first = 0)
    {
        var dim = h.Length;
        for (var c = first; c < scores.Length; c++)
        {
            var row = output.Row(c);
            scores[c] = row[dim] + Vectors.Dot(row[..dim], h);
        }
    }

    /// <summary>
    /// <see cref="Scores"/> for predictions, four categories at a time (<see cref="Vectors.Dot4"/>): the output
    /// layer of a large axis is most of the linear model's time per title. Training keeps the one-row sum, so a
    /// trained model's weights do not depend on it; the scores differ from it only in the order of the additions.
    /// </summary>
    private static void ScoresByFour(ChunkedRows<float> output, ReadOnlySpan<float> h, Span<float> scores)
    {
        var dim = h.Length;
        var c = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; c + 4 <= scores.Length; c += 4)
            {
                ReadOnlySpan<float> r0 = output.Row(c), r1 = output.Row(c + 1), r2 = output.Row(c + 2), r3 = output.Row(c + 3);
                var dots = Vectors.Dot4(r0, r1, r2, r3, h);
                scores[c] = r0[dim] + dots[0];
                scores[c + 1] = r1[dim] + dots[1];
                scores[c + 2] = r2[dim] + dots[2];
                scores[c + 3] = r3[dim] + dots[3];
            }
        }
        Scores(output, h, scores, c);
    }

    /// <returns>The largest probability.</returns>
    private static float Activate(Span<float> scores, bool multiLabel)
    {
        if (multiLabel)
        {
            TensorPrimitives.Sigmoid(scores, scores);
            return TensorPrimitives.Max<float>(scores);
        }
        return Probability.SoftMax(scores);
    }

    /// <summary>The averaging divisor: fastText divides the summed embeddings by the number of features.</summary>
    private static float Norm(ReadOnlySpan<float> values) => TensorPrimitives.SumOfMagnitudes(values);

    private static int RowOf(int featureId, int buckets) => (int)((uint)featureId % (uint)buckets);

    /// <summary>
    /// Uniform in ±1/Dimension like fastText, from a SplitMix64 stream: an order of magnitude faster than
    /// Random.NextDouble over millions of weights, which matters because every new model starts here.
    /// </summary>
    /// <param name="row">Row <paramref name="r"/>'s place: the stream is seeded per row, so rows fill in any order.</param>
    private void InitialiseRow(int r, Span<float> row)
    {
        var state = (ulong)Options.Seed + (ulong)r * (ulong)row.Length * 0x9E3779B97F4A7C15UL;
        var scale = 2f / Dimension / (1 << 24);
        var offset = 1f / Dimension;
        for (var d = 0; d < row.Length; d++)
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            row[d] = (z >> 40) * scale - offset;
        }
    }

    /// <summary>
    /// Nearest 16-bit floats, <paramref name="values"/> clamped (in place) to the finite range: the prediction's conversion back (see
    /// <see cref="Vectors.MultiplyAddHalf"/>) assumes no infinities.
    /// </summary>
    private static void ToHalf(Span<float> values, Span<Half> half)
    {
        TensorPrimitives.Min(values, (float)Half.MaxValue, values);
        TensorPrimitives.Max(values, (float)Half.MinValue, values);
        TensorPrimitives.ConvertToHalf(values, half);
    }

    /// <summary>
    /// The float table of a training run rounded, once, into a new 16-bit table; the run changed every output
    /// row without noting which.
    /// </summary>
    private void EndTraining()
    {
        _requantiseAll = true;
        var training = _training!;
        _training = null;
        var chunks = _embedding.NewChunks();
        var start = 0;
        foreach (var chunk in chunks)
        {
            ToHalf(training.AsSpan(start, chunk.Length), chunk);
            start += chunk.Length;
        }
        _embedding.Replace(chunks);
    }

    private void ResetWeights()
    {
        _training = GC.AllocateUninitializedArray<float>(_embedding.RowCount * Dimension);
        // Rounded to 16 bits as every weight a reader sees, so a model that is never trained saves as it predicts
        // (the constructor's rows go to 16 bits once, straight into the table).
        Span<Half> half = stackalloc Half[Dimension];
        for (var r = 0; r < _embedding.RowCount; r++)
        {
            var row = _training.AsSpan(r * Dimension, Dimension);
            InitialiseRow(r, row);
            ToHalf(row, half);
            TensorPrimitives.ConvertToSingle(half, row);
        }
        foreach (var output in _outputs)
        {
            for (var r = 0; r < output.RowCount; r++)
            {
                output.WritableRow(r).Clear();
            }
        }
    }

    private Snapshot Publish()
    {
        for (var a = 0; a < _quantised.Length; a++)
        {
            if (_quantised[a] is not { } quantised)
            {
                continue;
            }
            var output = _outputs[a].Peek();
            if (_requantiseAll)
            {
                for (var c = 0; c < output.RowCount; c++)
                {
                    QuantisedLayer.Quantise(output.Row(c), quantised, c);
                }
            }
            else
            {
                foreach (var c in _changed[a]!)
                {
                    QuantisedLayer.Quantise(output.Row(c), quantised, c);
                }
            }
            _changed[a]!.Clear();
        }
        _requantiseAll = false;
        return new(_embedding.Publish(), [.. _outputs.Select(o => o.Publish())], [.. _quantised.Select(q => q?.Publish())], Options.Buckets, _multiLabel);
    }

    private void PublishNow() => Volatile.Write(ref _snapshot, Publish());

    /// <summary>Immutable weights: everything a prediction reads.</summary>
    internal sealed class Snapshot(VersionedRows embedding, ChunkedRows<float>[] outputs, ChunkedRows<byte>?[] quantised, int buckets, bool[] multiLabel)
    {
        public int Dimension => embedding.Width;

        public int EmbeddingVersion => embedding.Version;

        /// <summary>The title's hidden vector, shared by every axis; false (and zeros) for a title without features.</summary>
        public bool Hidden(FeatureVector features, Span<float> h) => LinearModel.Hidden(embedding, features, h, buckets);

        /// <summary>One axis's probabilities from a hidden vector computed once for all axes.</summary>
        /// <returns>The largest of them (what a prediction's skip test reads), found by the softmax's last pass.</returns>
        public float Output(int axis, ReadOnlySpan<float> h, Span<float> probabilities)
        {
            if (quantised[axis] is { } layer)
            {
                QuantisedLayer.Scores(layer, h, probabilities);
            }
            else
            {
                ScoresByFour(outputs[axis], h, probabilities);
            }
            return Activate(probabilities, multiLabel[axis]);
        }

        public void Predict(int axis, TitleInput input, Span<float> probabilities)
        {
            Span<float> h = stackalloc float[embedding.Width];
            Hidden(input.Features, h);
            Output(axis, h, probabilities);
        }

        /// <summary>
        /// Per-feature share of score(winner) - score(other): exact, because the score is linear in each
        /// feature's averaged embedding.
        /// </summary>
        public void ExplainFeatures(int axis, FeatureVector features, int winner, int other, Span<float> contributions)
        {
            contributions.Clear();
            var norm = Norm(features.Values);
            if (norm <= 0)
            {
                return;
            }
            Span<float> direction = stackalloc float[embedding.Width];
            Span<float> row = stackalloc float[embedding.Width];
            var output = outputs[axis];
            TensorPrimitives.Subtract(output.Row(winner)[..direction.Length], output.Row(other)[..direction.Length], direction);
            var ids = features.Ids;
            var values = features.Values;
            for (var i = 0; i < ids.Length; i++)
            {
                TensorPrimitives.ConvertToSingle(embedding.Row(RowOf(ids[i], buckets)), row);
                contributions[i] = values[i] / norm * TensorPrimitives.Dot(row, direction);
            }
        }

        public void Write(BinaryWriter writer)
        {
            for (var r = 0; r < embedding.RowCount; r++)
            {
                writer.Write(MemoryMarshal.AsBytes(embedding.Row(r)));
            }
            foreach (var output in outputs)
            {
                WriteRows(writer, output);
            }
        }
    }
}

/// <summary>
/// An output layer in 8 bits for predictions: per category its weights rounded to signed bytes on a scale of
/// their own (the largest magnitude is 127), its bias, and 128 times the sum of its bytes. A title's hidden
/// vector is rounded the same way once, offset by 128 into unsigned bytes, and each score is one integer dot
/// product (<see cref="Vectors.DotBytes8"/>, exact on every machine) less the offset's share, times both
/// scales, plus the bias. Categories are stored in blocks of <see cref="BlockCategories"/> (their weights, then
/// their scales, biases and offsets side by side), one copy-on-write chunk each: the scoring loop finds a block
/// once per eight categories and finishes its eight scores in one vector, and a correction's ~33 changed
/// categories copy ~33 blocks of 1.1 KB.
/// </summary>
internal static class QuantisedLayer
{
    public const int BlockCategories = 8;

    /// <summary>Bytes of a category's weights: the width rounded up to whole 32-byte vectors (the padding is zero).</summary>
    public static int WeightBytes(int dimension) => (dimension + 31) / 32 * 32;

    public static ChunkedRowsWriter<byte> Writer(int categoryCount, int dimension) =>
        new((categoryCount + BlockCategories - 1) / BlockCategories, BlockCategories * (WeightBytes(dimension) + 3 * sizeof(float)), 0, 4);

    /// <summary>Category <paramref name="category"/>'s place in <paramref name="layer"/> rewritten from its float row (weights, then bias).</summary>
    public static void Quantise(ReadOnlySpan<float> row, ChunkedRowsWriter<byte> layer, int category)
    {
        var dim = row.Length - 1;
        var weights = row[..dim];
        var bytes = WeightBytes(dim);
        var block = layer.WritableRow(category / BlockCategories);
        var slot = category % BlockCategories;
        var quantised = block.Slice(slot * bytes, bytes);
        var max = MathF.Abs(TensorPrimitives.MaxMagnitude(weights));
        var sum = 0;
        quantised.Clear();
        if (max > 0)
        {
            Span<float> rounded = stackalloc float[dim];
            RoundToSteps(weights, max, rounded);
            // Whole numbers of at most 127 x dim: the float sum is exact.
            sum = (int)TensorPrimitives.Sum(rounded);
            TensorPrimitives.ConvertSaturating(rounded, MemoryMarshal.Cast<byte, sbyte>(quantised));
        }
        var meta = MemoryMarshal.Cast<byte, float>(block[(BlockCategories * bytes)..]);
        meta[slot] = max / 127f;
        meta[BlockCategories + slot] = row[dim];
        MemoryMarshal.Cast<float, int>(meta)[2 * BlockCategories + slot] = 128 * sum;
    }

    /// <summary>
    /// <paramref name="values"/> in whole steps of <paramref name="max"/> / 127, their largest magnitude: -127 to
    /// 127 (a saturating conversion guards the last rounding of the largest).
    /// </summary>
    private static void RoundToSteps(ReadOnlySpan<float> values, float max, Span<float> rounded)
    {
        TensorPrimitives.Multiply(values, 127f / max, rounded);
        TensorPrimitives.Round(rounded, rounded);
    }

    /// <summary>Every category's approximate score.</summary>
    [SkipLocalsInit]
    public static void Scores(ChunkedRows<byte> layer, ReadOnlySpan<float> h, Span<float> scores)
    {
        var bytes = WeightBytes(h.Length);
        Span<byte> x = stackalloc byte[bytes];
        Span<float> rounded = stackalloc float[h.Length];
        var max = MathF.Abs(TensorPrimitives.MaxMagnitude(h));
        x.Fill(128);
        if (max > 0)
        {
            RoundToSteps(h, max, rounded);
            TensorPrimitives.Add(rounded, 128f, rounded);
            TensorPrimitives.ConvertSaturating(rounded, x);
        }
        var step = Vector256.Create(max / 127f);
        Span<float> last = stackalloc float[BlockCategories];
        for (var b = 0; b < layer.RowCount; b++)
        {
            var block = layer.Row(b);
            var dots = Vectors.DotBytes8(x, block, bytes);
            ref var meta = ref Unsafe.As<byte, float>(ref Unsafe.Add(ref MemoryMarshal.GetReference(block), BlockCategories * bytes));
            var scale = Vector256.LoadUnsafe(ref meta);
            var bias = Vector256.LoadUnsafe(ref meta, BlockCategories);
            var offset = Vector256.LoadUnsafe(ref meta, 2 * BlockCategories).AsInt32();
            var eight = Vector256.FusedMultiplyAdd(Vector256.ConvertToSingle(dots - offset), scale * step, bias);
            var first = b * BlockCategories;
            if (first + BlockCategories <= scores.Length)
            {
                eight.StoreUnsafe(ref MemoryMarshal.GetReference(scores), (nuint)first);
            }
            else
            {
                eight.CopyTo(last);
                last[..(scores.Length - first)].CopyTo(scores[first..]);
            }
        }
    }
}

/// <summary>
/// One axis of a <see cref="LinearModel"/> as a learner of its own. Built standalone it owns a one-axis model;
/// inside a multi-axis model it shares the embedding with the other axes.
/// </summary>
public sealed class LinearLearner : ICategoryLearner
{
    private readonly int _axis;

    public LinearLearner(int categoryCount, bool multiLabel, LinearOptions options)
        : this(new LinearModel([(categoryCount, multiLabel)], options), 0, categoryCount, multiLabel)
    {
    }

    internal LinearLearner(LinearModel model, int axis, int categoryCount, bool multiLabel)
    {
        Model = model;
        _axis = axis;
        CategoryCount = categoryCount;
        MultiLabel = multiLabel;
    }

    public LinearModel Model { get; }

    public int CategoryCount { get; }

    public bool MultiLabel { get; }

    public LinearOptions Options => Model.Options;

    /// <summary>Width of the embedding this axis reads (shared with the model's other axes).</summary>
    public int Dimension => Model.Dimension;

    public void Learn(LearningExample example) => Model.Learn(_axis, example);

    /// <summary>Trains the whole (shared) model from scratch on this axis's examples.</summary>
    public void Learn(IReadOnlyList<LearningExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        Model.Learn([.. examples.Select(e => new MultiTaskExample(e.Input, e.Weight, [(_axis, e.Labels)]))], null, CancellationToken.None);
    }

    public void Predict(TitleInput input, Span<float> probabilities) => Model.Current.Predict(_axis, input, probabilities);
}
