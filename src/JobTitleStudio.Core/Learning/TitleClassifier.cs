using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using JobTitleStudio.Core.Evaluation;
using JobTitleStudio.Core.Features;
using JobTitleStudio.Core.Taxonomy;
using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Core.Learning;

/// <summary>
/// A model: several axes trained together from one table of titles. Writers (training, corrections) take a
/// lock and mutate private learner state; every prediction reads one immutable <see cref="State"/> that a
/// writer swaps in atomically once a whole update is applied, so readers never wait and never see half of
/// a correction.
/// </summary>
public sealed class TitleClassifier
{
    /// <summary>Floats of per-axis scratch taken from the stack (five vectors of the category count; 40 KB).</summary>
    private const int StackFloats = 10240;
    private const int ExplanationFeatures = 10;

    /// <summary>
    /// Categories of a large axis whose naive Bayes score is computed: the linear model's best this many, plus the
    /// neighbours' labels. 16 answers as 48 did on the O*NET split (top-1 equal, top-5 -0.0001, better calibrated;
    /// 8 lost 0.0018 top-5) at a third of the scattered reads in the dense rows.
    /// </summary>
    internal const int BayesCandidates = 16;

    /// <summary>Room for the voting neighbours' labels beyond the linear model's candidates.</summary>
    private const int VoterCandidates = 32;

    /// <summary>Axes with more categories than this score naive Bayes on candidates only.</summary>
    internal const int CandidateAxisSize = 192;

    private readonly Lock _writeLock = new();
    private readonly AxisDefinition[] _axes;
    private readonly Dictionary<string, int> _axisIndex;
    private Learners _learners;
    private State _state;

    /// <summary>States replaced by a correction, oldest first, until no prediction reads them (see <see cref="ForgetUnread"/>).</summary>
    private readonly Queue<State> _retired = new();

    /// <summary>Updates applied while a full training runs, replayed onto the new learners so none is lost.</summary>
    private List<(int Axis, LearningExample Example)>? _duringTraining;

    /// <param name="featurizer">The shipped featurizer with default options when null.</param>
    public TitleClassifier(IEnumerable<AxisDefinition> axes, TitleFeaturizer? featurizer = null, ModelOptions? options = null)
        : this(axes, featurizer, options, initialiseWeights: true)
    {
    }

    /// <param name="initialiseWeights">False when the weights are about to be read from a model file into <see cref="CurrentLearners"/>.</param>
    internal TitleClassifier(IEnumerable<AxisDefinition> axes, TitleFeaturizer? featurizer, ModelOptions? options, bool initialiseWeights)
    {
        ArgumentNullException.ThrowIfNull(axes);
        _axes = [.. axes];
        if (_axes.Length == 0)
        {
            throw new ArgumentException("A model needs at least one axis.", nameof(axes));
        }
        _axisIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var a = 0; a < _axes.Length; a++)
        {
            if (!_axisIndex.TryAdd(_axes[a].Name, a))
            {
                throw new ArgumentException($"Axis \"{_axes[a].Name}\" is listed twice; axis names must be distinct.", nameof(axes));
            }
            if (_axes[a].Count > BayesBase.MaxCategories)
            {
                throw new ArgumentException($"Axis \"{_axes[a].Name}\" has {_axes[a].Count:N0} categories; a model learns at most {BayesBase.MaxCategories:N0} per axis (naive Bayes keeps category indexes in 16 bits). Merge categories or split the axis.", nameof(axes));
            }
        }
        Featurizer = featurizer ?? new TitleFeaturizer();
        options ??= new ModelOptions();
        options.Validate();
        _learners = CreateLearners(options, initialiseWeights);
        _state = Capture(_learners);
    }

    public IReadOnlyList<AxisDefinition> Axes => _axes;

    public TitleFeaturizer Featurizer { get; }

    public ModelOptions Options => Volatile.Read(ref _state).Options;

    /// <summary>The fitted blend of each axis, in axis order.</summary>
    public IReadOnlyList<BlendWeights> Blends => [.. Volatile.Read(ref _state).Axes.Select(a => a.Blend)];

    /// <summary>
    /// Builds every learner from scratch on <paramref name="rows"/> (predictions keep using the previous
    /// model until the new one is complete). A slice of distinct titles is held out to fit the blend, then
    /// learned too.
    /// </summary>
    public void Train(IEnumerable<TrainingRow> rows, ModelOptions? options = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        options ??= Options;
        options.Validate();
        lock (_writeLock)
        {
            if (_duringTraining is not null)
            {
                throw new InvalidOperationException("This model is already training; wait for that run to finish or cancel it.");
            }
            _duringTraining = [];
        }
        try
        {
            TrainFromScratch(rows, options, progress, cancellationToken);
        }
        finally
        {
            lock (_writeLock)
            {
                _duringTraining = null;
            }
        }
    }

    private void TrainFromScratch(IEnumerable<TrainingRow> rows, ModelOptions options, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new TrainingProgress("Featurising", 0));
        var table = rows as IReadOnlyList<TrainingRow> ?? [.. rows];
        var normalized = new string[table.Count];
        var inputs = FeaturizeDistinct(table, normalized, cancellationToken);
        var perAxis = new List<(LearningExample Example, bool HeldOut)>[_axes.Length];
        for (var a = 0; a < _axes.Length; a++)
        {
            perAxis[a] = [];
        }
        var linearRows = new List<(MultiTaskExample Example, bool HeldOut)>(table.Count);
        var heldOutShare = Math.Min(options.Blend.HeldOutFraction, (double)options.Blend.MaxHeldOutTitles / Math.Max(1, inputs.Count));
        for (var r = 0; r < table.Count; r++)
        {
            var row = table[r];
            var input = inputs[normalized[r]];
            var heldOut = heldOutShare > 0 && GroupedSplit.IsTest(input.Normalized, heldOutShare, options.Linear.Seed);
            var rowLabels = new List<(int, int[])>(row.Labels.Count);
            foreach (var (axisName, labels) in row.Labels)
            {
                var axis = AxisIndex(axisName);
                if (labels.Length == 0)
                {
                    continue;
                }
                var indexes = LabelIndexes(_axes[axis], labels);
                perAxis[axis].Add((new LearningExample(input, indexes, row.Weight), heldOut));
                rowLabels.Add((axis, indexes));
            }
            if (rowLabels.Count > 0)
            {
                linearRows.Add((new MultiTaskExample(input, row.Weight, [.. rowLabels]), heldOut));
            }
        }
        cancellationToken.ThrowIfCancellationRequested();

        var learners = CreateLearners(options);
        if (heldOutShare > 0)
        {
            Fit(learners, perAxis, linearRows, onlyTraining: true, progress, cancellationToken);
            progress?.Report(new TrainingProgress("Fitting the blend", 0.6));
            for (var a = 0; a < _axes.Length; a++)
            {
                learners.Axes[a].Blend = FitBlend(learners, a, perAxis[a].Where(e => e.HeldOut).Select(e => e.Example), cancellationToken);
            }
        }
        Fit(learners, perAxis, linearRows, onlyTraining: false, progress, cancellationToken);

        lock (_writeLock)
        {
            foreach (var (a, example) in _duringTraining!)
            {
                LearnOne(learners, a, example);
            }
            _learners = learners;
            _retired.Clear();
            Volatile.Write(ref _state, Capture(learners));
        }
        progress?.Report(new TrainingProgress("Done", 1));
    }

    public TitlePrediction Predict(string title, PredictionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        options ??= PredictionOptions.Default;
        options.Validate();
        var analyzed = Featurizer.Analyze(title, options.Explain);
        var state = Enter();
        try
        {
            return PredictWith(state, title, analyzed.Title, analyzed.Features, options);
        }
        finally
        {
            Interlocked.Decrement(ref state.Readers);
        }
    }

    /// <summary>
    /// Predicts many titles in parallel against one model version. Titles are predicted once per
    /// normalised title, because real files repeat titles heavily.
    /// </summary>
    public IReadOnlyList<TitlePrediction> PredictBatch(IReadOnlyList<string> titles, PredictionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(titles);
        options ??= PredictionOptions.Default;
        options.Validate();
        var state = Enter();
        try
        {
            return PredictBatch(state, titles, options, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref state.Readers);
        }
    }

    private IReadOnlyList<TitlePrediction> PredictBatch(State state, IReadOnlyList<string> titles, PredictionOptions options, CancellationToken cancellationToken)
    {
        var normalized = new NormalizedTitle[titles.Count];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, titles.Count, parallel, i => normalized[i] = Featurizer.Normalizer.Normalize(titles[i]));
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < normalized.Length; i++)
        {
            firstIndex.TryAdd(normalized[i].Normalized, i);
        }
        var distinct = firstIndex.Values.ToArray();
        var distinctResults = new TitlePrediction[distinct.Length];
        Parallel.For(0, distinct.Length, parallel, d =>
        {
            var i = distinct[d];
            var features = Featurizer.Featurize(normalized[i], options.Explain);
            distinctResults[d] = PredictWith(state, titles[i] ?? string.Empty, normalized[i], features, options);
        });
        var byNormalized = new Dictionary<string, TitlePrediction>(distinct.Length, StringComparer.Ordinal);
        for (var d = 0; d < distinct.Length; d++)
        {
            byNormalized[normalized[distinct[d]].Normalized] = distinctResults[d];
        }
        var results = new TitlePrediction[titles.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var shared = byNormalized[normalized[i].Normalized];
            results[i] = ReferenceEquals(shared.Normalized, normalized[i]) ? shared : shared with { Title = titles[i] ?? string.Empty, Normalized = normalized[i] };
        }
        return results;
    }

    /// <summary>
    /// An analyst's correction: the exact title now answers <paramref name="label"/> with the top probability,
    /// and the linear, naive Bayes and nearest-title learners learn it too so similar titles follow.
    /// </summary>
    public void Learn(string title, string axis, string label) => Learn(title, axis, [label]);

    /// <inheritdoc cref="Learn(string, string, string)"/>
    public void Learn(string title, string axis, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(labels);
        var a = AxisIndex(axis);
        var indexes = LabelIndexes(_axes[a], labels);
        if (indexes.Length == 0)
        {
            throw new ArgumentException("A correction needs at least one label.", nameof(labels));
        }
        Apply([(a, new LearningExample(Input(title), indexes, 1f, IsCorrection: true))]);
    }

    /// <summary>Adds one labelled record incrementally (not a correction: imported labels can be outvoted).</summary>
    public void Learn(TrainingRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var input = Input(row.Title);
        var examples = new List<(int, LearningExample)>();
        foreach (var (axisName, labels) in row.Labels)
        {
            var a = AxisIndex(axisName);
            if (labels.Length > 0)
            {
                examples.Add((a, new LearningExample(input, LabelIndexes(_axes[a], labels), row.Weight)));
            }
        }
        Apply(examples);
    }

    internal Learners CurrentLearners => _learners;

    internal Lock WriteLock => _writeLock;

    /// <summary>Installs learners read from a model file.</summary>
    internal void Install(Learners learners)
    {
        lock (_writeLock)
        {
            _learners = learners;
            _retired.Clear();
            Volatile.Write(ref _state, Capture(learners));
        }
    }

    /// <param name="initialiseWeights">False when the weights are about to be read from a model file.</param>
    internal Learners CreateLearners(ModelOptions options, bool initialiseWeights = true)
    {
        var linear = new LinearModel([.. _axes.Select(a => (a.Count, a.MultiLabel))], options.Linear, initialiseWeights);
        var axes = new AxisLearners[_axes.Length];
        for (var a = 0; a < _axes.Length; a++)
        {
            var axis = _axes[a];
            axes[a] = new AxisLearners(
                new LinearLearner(linear, a, axis.Count, axis.MultiLabel),
                new NaiveBayesLearner(axis.Count, Featurizer.Dimension, options.NaiveBayes),
                new TitleMemory(axis.Count))
            {
                Blend = BlendWeights.Default,
            };
        }
        var index = new NearestTitleIndex(_axes.Length, Featurizer.Dimension, options.Neighbours) { VersionsTrimmedByModel = true };
        // Every prediction reads the learners through a State, so the model knows which versions are still read.
        linear.VersionsTrimmedByModel = true;
        foreach (var axis in axes)
        {
            axis.Bayes.VersionsTrimmedByModel = true;
        }
        NaiveBayesLearner.ShareStarts([.. axes.Select(a => a.Bayes)]);
        return new Learners(options, linear, axes, index);
    }

    private void Apply(IReadOnlyList<(int Axis, LearningExample Example)> examples)
    {
        lock (_writeLock)
        {
            foreach (var (a, example) in examples)
            {
                LearnOne(_learners, a, example);
                _duringTraining?.Add((a, example));
            }
            var replaced = _state;
            Volatile.Write(ref _state, Capture(_learners));
            replaced.Retired = true;
            _retired.Enqueue(replaced);
            ForgetUnread();
        }
    }

    /// <summary>
    /// The State a prediction reads, counted as read until the caller decrements its <see cref="State.Readers"/>.
    /// A replaced State is marked retired before the writer counts its readers, so a prediction that finds it
    /// retired after counting itself takes the new one: once a retired State has no reader, it never has one again.
    /// </summary>
    private State Enter()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            Interlocked.Increment(ref state.Readers);
            if (!Volatile.Read(ref state.Retired))
            {
                return state;
            }
            Interlocked.Decrement(ref state.Readers);
        }
    }

    /// <summary>
    /// Lets the learners drop the versions only retired States without readers could read: a correction's
    /// replaced rows and counts then die young instead of surviving collections for predictions long gone.
    /// </summary>
    private void ForgetUnread()
    {
        Interlocked.MemoryBarrier();
        while (_retired.TryPeek(out var oldest) && Volatile.Read(ref oldest.Readers) == 0)
        {
            _retired.Dequeue();
        }
        var oldestRead = _retired.TryPeek(out var read) ? read : _state;
        _learners.Linear.ForgetBefore(oldestRead.Linear);
        for (var a = 0; a < _axes.Length; a++)
        {
            _learners.Axes[a].Bayes.ForgetBefore(oldestRead.Axes[a].Bayes);
        }
        _learners.Index.ForgetBefore(oldestRead.Index);
    }

    private static void LearnOne(Learners learners, int a, LearningExample example)
    {
        var axis = learners.Axes[a];
        axis.Linear.Learn(example);
        axis.Bayes.Learn(example);
        axis.Memory.Learn(example);
        learners.Index.Learn(a, example);
    }

    private TitleInput Input(string title) => TitleInput.Of(Featurizer.Analyze(title));

    /// <summary>Normalises every row (into <paramref name="normalized"/>) and featurises each distinct normalised title once.</summary>
    private Dictionary<string, TitleInput> FeaturizeDistinct(IReadOnlyList<TrainingRow> table, string[] normalized, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        var titles = new NormalizedTitle[table.Count];
        Parallel.For(0, table.Count, parallel, r => titles[r] = Featurizer.Normalizer.Normalize(table[r].Title));
        var first = new Dictionary<string, NormalizedTitle>(StringComparer.Ordinal);
        for (var r = 0; r < titles.Length; r++)
        {
            normalized[r] = titles[r].Normalized;
            first.TryAdd(normalized[r], titles[r]);
        }
        var distinct = first.Values.ToArray();
        var features = new FeatureVector[distinct.Length];
        Parallel.For(0, distinct.Length, parallel, i => features[i] = Featurizer.Featurize(distinct[i]));
        var inputs = new Dictionary<string, TitleInput>(distinct.Length, StringComparer.Ordinal);
        for (var i = 0; i < distinct.Length; i++)
        {
            inputs[distinct[i].Normalized] = new TitleInput(distinct[i].Normalized, features[i]);
        }
        return inputs;
    }

    /// <summary>
    /// Builds every learner on the training part (<paramref name="onlyTraining"/>) or on everything. The
    /// counting learners rebuild exactly in a blink; the linear learner, the slow one, only continues with
    /// the held-out examples when it was already trained on the rest.
    /// </summary>
    private void Fit(Learners learners, List<(LearningExample Example, bool HeldOut)>[] perAxis, List<(MultiTaskExample Example, bool HeldOut)> linearRows, bool onlyTraining, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var baseFraction = onlyTraining ? 0.05 : 0.65;
        var span = onlyTraining ? 0.55 : 0.35;
        var indexExamples = new List<(int, LearningExample)>();
        for (var a = 0; a < _axes.Length; a++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var examples = perAxis[a].Where(e => !onlyTraining || !e.HeldOut).Select(e => e.Example).ToArray();
            var axis = learners.Axes[a];
            axis.Bayes.Learn(examples);
            axis.Memory.Learn(examples);
            indexExamples.AddRange(examples.Select(e => (a, e)));
        }
        // One linear model for all axes: every title's step updates each labelled axis's output layer and
        // the shared embedding once.
        var stage = $"Training {string.Join(", ", _axes.Select(a => a.Name))}";
        progress?.Report(new TrainingProgress(stage, baseFraction));
        if (onlyTraining || !linearRows.Any(e => e.HeldOut))
        {
            learners.Linear.Learn([.. linearRows.Where(e => !onlyTraining || !e.HeldOut).Select(e => e.Example)], done => progress?.Report(new TrainingProgress(stage, baseFraction + span * done)), cancellationToken);
        }
        else
        {
            learners.Linear.Continue([.. linearRows.Where(e => e.HeldOut).Select(e => e.Example)]);
        }
        cancellationToken.ThrowIfCancellationRequested();
        learners.Index.Learn(indexExamples);
    }

    private BlendWeights FitBlend(Learners learners, int axis, IEnumerable<LearningExample> heldOut, CancellationToken cancellationToken)
    {
        var distinct = new Dictionary<string, (TitleInput Input, HashSet<int> Labels)>(StringComparer.Ordinal);
        foreach (var example in heldOut)
        {
            if (!distinct.TryGetValue(example.Input.Normalized, out var entry))
            {
                entry = (example.Input, []);
                distinct[example.Input.Normalized] = entry;
            }
            entry.Labels.UnionWith(example.Labels);
        }
        if (distinct.Count == 0)
        {
            return BlendWeights.Default;
        }
        var state = Capture(learners);
        var definition = _axes[axis];
        var items = distinct.Values.ToArray();
        var scores = new HeldOutScores[items.Length];
        Parallel.For(0, items.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var (input, labels) = items[i];
            var linear = new float[definition.Count];
            var bayes = new float[definition.Count];
            var votes = new float[definition.Count];
            state.Linear.Predict(axis, input, linear);
            var neighbours = state.Index.Predict(input.Features, state.Options.Neighbours.K, state.Options.Neighbours);
            Vote(state.Index, state.Options, axis, neighbours, votes);
            Bayes(state, axis, definition, input, linear, neighbours, bayes);
            scores[i] = new HeldOutScores(linear, bayes, votes, [.. labels]);
        });
        return BlendFitter.Fit(scores, definition.MultiLabel, state.Options.Blend.FitRanking);
    }

    [SkipLocalsInit]
    private TitlePrediction PredictWith(State state, string title, NormalizedTitle normalized, FeatureVector features, PredictionOptions options)
    {
        foreach (var name in options.Axes ?? [])
        {
            AxisIndex(name);
        }
        var input = new TitleInput(normalized.Normalized, features);
        Span<float> hidden = stackalloc float[state.Linear.Dimension];
        state.Linear.Hidden(features, hidden);
        var total = 0;
        foreach (var axis in _axes)
        {
            total += axis.Count;
        }
        float[]? rented = null;
        var linear = total <= StackFloats
            ? stackalloc float[total]
            : (rented = ArrayPool<float>.Shared.Rent(total)).AsSpan(0, total);
        try
        {
            // The linear model answers first, for every axis: when it is sure of all of them the neighbour
            // search (a third of a prediction) would not change the answer, so it is skipped.
            var confident = options.NearestTitles == 0 && state.Options.Neighbours.SkipSearchAbove is not null;
            var offset = 0;
            for (var a = 0; a < _axes.Length; a++)
            {
                var slice = linear.Slice(offset, _axes[a].Count);
                offset += slice.Length;
                if (Wanted(options, a))
                {
                    var top = state.Linear.Output(a, hidden, slice);
                    confident &= !_axes[a].MultiLabel && top >= state.Options.Neighbours.SkipSearchAbove;
                }
            }
            var neighbours = confident ? [] : state.Index.Predict(features, Math.Max(state.Options.Neighbours.K, options.NearestTitles), state.Options.Neighbours);
            // Every axis weighs a neighbour's vote alike: the power is taken once per title, not once per axis.
            var voters = Math.Min(state.Options.Neighbours.K, neighbours.Length);
            Span<float> strengths = voters <= 256 ? stackalloc float[voters] : new float[voters];
            for (var i = 0; i < voters; i++)
            {
                strengths[i] = VoteStrength(neighbours[i].Similarity, state.Options.Neighbours.VotePower);
            }
            var wanted = 0;
            for (var a = 0; a < _axes.Length; a++)
            {
                wanted += Wanted(options, a) ? 1 : 0;
            }
            var predictions = new AxisPrediction[wanted];
            var memoryRow = default(RowLookup);
            offset = 0;
            wanted = 0;
            for (var a = 0; a < _axes.Length; a++)
            {
                var slice = linear.Slice(offset, _axes[a].Count);
                offset += slice.Length;
                if (Wanted(options, a))
                {
                    predictions[wanted++] = PredictAxis(state, a, input, slice, neighbours, strengths, ref memoryRow, options);
                }
            }
            return new TitlePrediction(title, normalized, predictions);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    private bool Wanted(PredictionOptions options, int a) => options.Axes is not { } wanted || wanted.Contains(_axes[a].Name);

    /// <param name="strengths">Each voting neighbour's <see cref="VoteStrength"/>.</param>
    /// <param name="memoryRow">The title's row in the title memory, carried from one axis to the next.</param>
    [SkipLocalsInit]
    private AxisPrediction PredictAxis(State state, int a, TitleInput input, ReadOnlySpan<float> linear, Neighbour[] neighbours, ReadOnlySpan<float> strengths, ref RowLookup memoryRow, PredictionOptions options)
    {
        var definition = _axes[a];
        var axis = state.Axes[a];
        var count = definition.Count;
        float[]? rented = null;
        var buffer = count * 4 <= StackFloats
            ? stackalloc float[count * 4]
            : (rented = ArrayPool<float>.Shared.Rent(count * 4)).AsSpan(0, count * 4);
        try
        {
            var bayes = buffer[..count];
            var votes = buffer.Slice(count, count);
            var result = buffer.Slice(2 * count, count);
            var scratch = buffer.Slice(3 * count, count);
            var voters = state.Options.Neighbours.K < neighbours.Length ? neighbours.AsSpan(0, state.Options.Neighbours.K) : neighbours;
            Span<int> candidates = stackalloc int[MaxBayesCandidates];
            var scored = Bayes(state, a, definition, input, linear, voters, bayes, candidates);
            var scoredCandidates = candidates[..Math.Max(0, scored)];
            if (definition.MultiLabel)
            {
                Vote(state.Index, state.Options, a, voters, strengths, votes);
                axis.Blend.Combine(definition.MultiLabel, linear, bayes, votes, result, scratch);
                MixPrior(state.Options.Blend.PriorTitles, axis.Bayes.Examples, definition.MultiLabel, result);
            }
            else
            {
                var voted = count <= StackFloats / 4 ? stackalloc int[count] : new int[count];
                var labelled = VoteAtLabels(state.Index, state.Options, a, voters, strengths, votes, voted, out var rest);
                axis.Blend.CombineSingleLabel(linear, bayes, scored < 0, scoredCandidates, votes, voted[..labelled], rest,
                    PriorShare(state.Options.Blend.PriorTitles, axis.Bayes.Examples), result);
            }
            var fromCorrection = ApplyMemory(state, axis, definition, input.Normalized, ref memoryRow, result);
            return Answer(state, a, input, neighbours, options, result, fromCorrection, scoredCandidates);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Naive Bayes for the blend. On a large single-label axis only the categories that can win are scored:
    /// the linear model's <see cref="BayesCandidates"/> most probable and every category a voting neighbour
    /// holds; the rest get probability 0, as good as their true negligible share once blended, at a fraction
    /// of the cost (a dense row is gathered at a few dozen categories instead of added over a thousand).
    /// </summary>
    [SkipLocalsInit]
    private static void Bayes(State state, int a, AxisDefinition definition, TitleInput input, ReadOnlySpan<float> linear, ReadOnlySpan<Neighbour> voters, Span<float> bayes)
    {
        Span<int> candidates = stackalloc int[MaxBayesCandidates];
        Bayes(state, a, definition, input, linear, voters, bayes, candidates);
    }

    /// <summary>As above; returns how many categories were scored (into <paramref name="candidates"/>), -1 when all were.</summary>
    private static int Bayes(State state, int a, AxisDefinition definition, TitleInput input, ReadOnlySpan<float> linear, ReadOnlySpan<Neighbour> voters, Span<float> bayes, Span<int> candidates)
    {
        var count = definition.Count;
        if (definition.MultiLabel || count <= CandidateAxisSize)
        {
            state.Axes[a].Bayes.Predict(input, bayes);
            return -1;
        }
        var found = ChooseBayesCandidates(state.Index, a, linear, voters, candidates);
        state.Axes[a].Bayes.Predict(input, candidates[..found], bayes);
        return found;
    }

    internal const int MaxBayesCandidates = BayesCandidates + VoterCandidates;

    /// <summary>The categories a large axis scores with naive Bayes (see <see cref="Bayes"/>), into <paramref name="candidates"/>; returns how many.</summary>
    [SkipLocalsInit]
    internal static int ChooseBayesCandidates(NearestTitleIndex.Snapshot index, int a, ReadOnlySpan<float> linear, ReadOnlySpan<Neighbour> voters, Span<int> candidates)
    {
        var count = linear.Length;
        var found = TopSelection.Largest(linear, candidates[..BayesCandidates]);
        if (voters.IsEmpty)
        {
            return found; // the search was skipped (most titles): no labels to add, no marks to clear
        }
        Span<bool> chosen = count <= 4096 ? stackalloc bool[count] : new bool[count];
        chosen.Clear();
        foreach (var c in candidates[..found])
        {
            chosen[c] = true;
        }
        foreach (var neighbour in voters)
        {
            foreach (var label in index.Labels(neighbour.Document, a))
            {
                if (found < candidates.Length && !chosen[label])
                {
                    chosen[label] = true;
                    candidates[found++] = label;
                }
            }
        }
        return found;
    }

    /// <summary>
    /// Mixes in a uniform prior worth <paramref name="priorTitles"/> titles against the <paramref name="examples"/>
    /// the axis learned from, so a model trained on a few rows never answers 1 (or 0) for a title it has not seen.
    /// </summary>
    internal static void MixPrior(float priorTitles, float examples, bool multiLabel, Span<float> result)
    {
        if (priorTitles <= 0)
        {
            return;
        }
        var share = PriorShare(priorTitles, examples);
        TensorPrimitives.Multiply(result, 1f - share, result);
        TensorPrimitives.Add(result, share * (multiLabel ? 0.5f : 1f / result.Length), result);
    }

    /// <summary>The share of the blend <see cref="MixPrior"/> gives the uniform prior.</summary>
    internal static float PriorShare(float priorTitles, float examples) =>
        priorTitles <= 0 ? 0f : priorTitles / (priorTitles + Math.Max(0f, examples));

    /// <summary>Mixes the exact-title memory into the blend; a correction takes most of the mass so it always wins.</summary>
    private static bool ApplyMemory(State state, AxisState axis, AxisDefinition definition, string normalized, ref RowLookup memoryRow, Span<float> result)
    {
        if (axis.Memory.GetValueOrDefault(normalized, ref memoryRow) is not { } entry)
        {
            return false;
        }
        if (entry.Corrected is { } corrected)
        {
            var mass = state.Options.Blend.CorrectionProbability;
            TensorPrimitives.Multiply(result, 1f - mass, result);
            foreach (var label in corrected)
            {
                result[label] += definition.MultiLabel ? mass : mass / corrected.Length;
            }
            return true;
        }
        var weight = state.Options.Blend.MemoryWeight;
        var total = definition.MultiLabel ? entry.Counts.Max() : entry.Counts.Sum();
        if (weight == 0 || total <= 0)
        {
            return false;
        }
        TensorPrimitives.Multiply(result, 1f - weight, result);
        for (var i = 0; i < entry.Categories.Length; i++)
        {
            result[entry.Categories[i]] += weight * entry.Counts[i] / total;
        }
        return false;
    }

    /// <param name="likely">Categories that probably rank first (naive Bayes's candidates): they speed the ranking up, never change it.</param>
    private AxisPrediction Answer(State state, int a, TitleInput input, Neighbour[] neighbours, PredictionOptions options, ReadOnlySpan<float> result, bool fromCorrection, ReadOnlySpan<int> likely)
    {
        var definition = _axes[a];
        Span<int> top = stackalloc int[Math.Min(options.TopN, definition.Count)];
        TopSelection.Largest(result, top, likely);
        var ranked = new CategoryScore[top.Length];
        for (var i = 0; i < top.Length; i++)
        {
            ranked[i] = new CategoryScore(definition.Categories[top[i]].Name, result[top[i]]);
        }
        var winner = top[0];
        var probability = result[winner];
        string[] labels;
        bool abstained;
        if (definition.MultiLabel)
        {
            var threshold = definition.Threshold ?? AxisDefinition.DefaultMultiLabelThreshold;
            var above = new List<(int Index, float P)>();
            for (var c = 0; c < result.Length; c++)
            {
                if (result[c] >= threshold)
                {
                    above.Add((c, result[c]));
                }
            }
            labels = [.. above.OrderByDescending(x => x.P).ThenBy(x => x.Index).Select(x => definition.Categories[x.Index].Name)];
            abstained = labels.Length == 0;
        }
        else
        {
            abstained = definition.Threshold is { } threshold && probability < threshold;
            labels = [abstained ? definition.OtherCategory : definition.Categories[winner].Name];
        }
        var label = abstained ? definition.OtherCategory : labels[0];

        IReadOnlyList<FeatureContribution>? explanation = null;
        if (options.Explain)
        {
            var runnerUp = top.Length > 1 ? top[1] : SecondBest(result, winner);
            explanation = Explain(state.Linear, a, state.Axes[a], input.Features, winner, runnerUp);
        }
        IReadOnlyList<NearestTitle>? nearest = null;
        if (options.NearestTitles > 0)
        {
            nearest = [.. neighbours.Take(options.NearestTitles).Select(n =>
            {
                var labels = state.Index.Labels(n.Document, a);
                var names = new string[labels.Length];
                for (var i = 0; i < names.Length; i++)
                {
                    names[i] = definition.Categories[labels[i]].Name;
                }
                return new NearestTitle(state.Index.Normalized(n.Document), n.Similarity, names);
            })];
        }
        return new AxisPrediction(definition.Name, label, probability, abstained, labels, ranked, fromCorrection, explanation, nearest,
            options.Distribution ? result.ToArray() : null);
    }

    /// <summary>
    /// The blended log-odds of winner against runner-up decomposed over features: each learner's share is
    /// exact for its own score, and the blend is linear in those scores.
    /// </summary>
    private static FeatureContribution[] Explain(LinearModel.Snapshot linear, int a, AxisState axis, FeatureVector features, int winner, int other)
    {
        var count = features.Count;
        var total = new float[count];
        var part = new float[count];
        linear.ExplainFeatures(a, features, winner, other, part);
        for (var i = 0; i < count; i++)
        {
            total[i] += axis.Blend.Linear * part[i];
        }
        axis.Bayes.ExplainFeatures(new TitleInput(string.Empty, features), winner, other, part);
        for (var i = 0; i < count; i++)
        {
            total[i] += axis.Blend.Bayes * part[i];
        }
        return [.. Enumerable.Range(0, count)
            .Where(i => total[i] != 0)
            .OrderByDescending(i => Math.Abs(total[i]))
            .Take(ExplanationFeatures)
            .Select(i => new FeatureContribution(features.NameAt(i) ?? $"#{features.Ids[i]}", total[i]))];
    }

    /// <summary>
    /// Neighbour vote: each neighbour adds similarity^power to its labels, and the smoothing mass keeps weak votes near
    /// uniform. Written only at the categories the <paramref name="neighbours"/> hold (into <paramref name="voted"/>, room
    /// for every category, their probabilities into <paramref name="probabilities"/> there); every other category has
    /// <paramref name="rest"/> (1 / count when nobody votes). Returns how many categories were voted for.
    /// </summary>
    /// <param name="strengths">Each neighbour's <see cref="VoteStrength"/>.</param>
    [SkipLocalsInit]
    internal static int VoteAtLabels(NearestTitleIndex.Snapshot index, ModelOptions options, int axis, ReadOnlySpan<Neighbour> neighbours, ReadOnlySpan<float> strengths, Span<float> probabilities, Span<int> voted, out float rest)
    {
        var sums = voted.Length <= StackFloats / 4 ? stackalloc float[voted.Length] : new float[voted.Length];
        var found = 0;
        var mass = 0f;
        for (var n = 0; n < neighbours.Length; n++)
        {
            var labels = index.Labels(neighbours[n].Document, axis);
            if (labels.Length == 0 || neighbours[n].Similarity <= 0)
            {
                continue;
            }
            var vote = strengths[n];
            foreach (var label in labels)
            {
                var slot = voted[..found].IndexOf(label);
                if (slot < 0)
                {
                    slot = found++;
                    voted[slot] = label;
                    sums[slot] = 0;
                }
                sums[slot] += vote / labels.Length;
            }
            mass += vote;
        }
        var smoothing = options.Blend.VoteSmoothing;
        var floor = smoothing / probabilities.Length;
        var scale = 1f / (mass + smoothing);
        for (var k = 0; k < found; k++)
        {
            probabilities[voted[k]] = (sums[k] + floor) * scale;
        }
        rest = floor * scale;
        return found;
    }

    /// <summary>What a neighbour's vote weighs: similarity^power.</summary>
    internal static float VoteStrength(float similarity, float power) => MathF.Pow(similarity, power);

    /// <summary><see cref="VoteAtLabels"/> spread over every category: what a multi-label axis and the blend fit read.</summary>
    internal static void Vote(NearestTitleIndex.Snapshot index, ModelOptions options, int axis, ReadOnlySpan<Neighbour> neighbours, Span<float> probabilities)
    {
        var strengths = neighbours.Length <= VoterCandidates ? stackalloc float[neighbours.Length] : new float[neighbours.Length];
        for (var n = 0; n < neighbours.Length; n++)
        {
            strengths[n] = VoteStrength(neighbours[n].Similarity, options.Neighbours.VotePower);
        }
        Vote(index, options, axis, neighbours, strengths, probabilities);
    }

    /// <param name="strengths">Each neighbour's <see cref="VoteStrength"/>, taken once per title for every axis.</param>
    private static void Vote(NearestTitleIndex.Snapshot index, ModelOptions options, int axis, ReadOnlySpan<Neighbour> neighbours, ReadOnlySpan<float> strengths, Span<float> probabilities)
    {
        var voted = probabilities.Length <= StackFloats / 4 ? stackalloc int[probabilities.Length] : new int[probabilities.Length];
        var found = VoteAtLabels(index, options, axis, neighbours, strengths, probabilities, voted, out var rest);
        Span<float> atVoted = found <= VoterCandidates ? stackalloc float[found] : new float[found];
        for (var k = 0; k < found; k++)
        {
            atVoted[k] = probabilities[voted[k]];
        }
        probabilities.Fill(rest);
        for (var k = 0; k < found; k++)
        {
            probabilities[voted[k]] = atVoted[k];
        }
    }

    private static int SecondBest(ReadOnlySpan<float> values, int winner)
    {
        var best = winner == 0 ? Math.Min(1, values.Length - 1) : 0;
        for (var c = 0; c < values.Length; c++)
        {
            if (c != winner && values[c] > values[best])
            {
                best = c;
            }
        }
        return best;
    }

    private int AxisIndex(string axis) =>
        _axisIndex.TryGetValue(axis, out var index)
            ? index
            : throw new ArgumentException($"\"{axis}\" is not an axis of this model; its axes are {string.Join(", ", _axes.Select(a => a.Name))}.", nameof(axis));

    private static int[] LabelIndexes(AxisDefinition axis, IReadOnlyList<string> labels)
    {
        if (!axis.MultiLabel && labels.Count > 1)
        {
            throw new ArgumentException($"Axis \"{axis.Name}\" is single-label but got {labels.Count} labels ({string.Join(", ", labels)}); pass one.", nameof(labels));
        }
        return [.. labels.Select(axis.IndexOf).Distinct()];
    }

    private static State Capture(Learners learners)
    {
        TitleMemory.ShareRows([.. learners.Axes.Select(a => a.Memory)]);
        return new(
            learners.Options,
            learners.Linear.Current,
            [.. learners.Axes.Select(a => new AxisState(a.Bayes.CurrentShared, a.Memory.Current, a.Blend))],
            learners.Index.Current);
    }

    /// <summary>The writers: mutated only under the write lock.</summary>
    internal sealed record Learners(ModelOptions Options, LinearModel Linear, AxisLearners[] Axes, NearestTitleIndex Index);

    internal sealed record AxisLearners(LinearLearner Linear, NaiveBayesLearner Bayes, TitleMemory Memory)
    {
        public BlendWeights Blend { get; set; } = BlendWeights.Default;
    }

    /// <summary>Everything one prediction reads, published as one reference.</summary>
    private sealed record State(ModelOptions Options, LinearModel.Snapshot Linear, AxisState[] Axes, NearestTitleIndex.Snapshot Index)
    {
        /// <summary>Predictions reading this State now.</summary>
        public int Readers;

        /// <summary>Replaced by a correction: no new prediction starts on it.</summary>
        public bool Retired;
    }

    private sealed record AxisState(NaiveBayesLearner.Snapshot Bayes, TitleMemory.Snapshot Memory, BlendWeights Blend);
}
