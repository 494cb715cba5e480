using JobTitleStudio.Benchmarks;

return args.FirstOrDefault() switch
{
    "onet" when args.Length >= 2 => OnetBenchmark.Run(args[1], args.Skip(2).ToArray()),
    "fasttext" when args.Length >= 2 => FastTextBaseline.Run(args[1]),
    "load" when args.Length >= 3 => OnetBenchmark.Load(args[1], args[2]),
    "profile" when args.Length >= 3 => StageProfile.Run(args[1], args[2]),
    "bayes" when args.Length >= 3 => BayesCost.Run(args[1], args[2]),
    "blend" when args.Length >= 3 => BlendCost.Run(args[1], args[2]),
    "softmax" when args.Length >= 3 => SoftmaxCost.Run(args[1], args[2]),
    "throughput" when args.Length >= 3 => ModelChecks.Throughput(args[1], args[2], [.. args.Skip(3)]),
    "search" when args.Length >= 3 => SearchCost.Run(args[1], args[2], [.. args.Skip(3)]),
    "accuracy" when args.Length >= 3 => ModelChecks.Accuracy(args[1], args[2], [.. args.Skip(3)]),
    "corrections" when args.Length >= 3 => CorrectionLatency.Run(args[1], args[2], args.Length >= 4 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 2000),
    "default-split" => DefaultSplit.Run([.. args.Skip(1)]),
    "drift" when args.Length >= 2 => ModelChecks.Drift(args[1], args.Length >= 3 && !args[2].Contains('=') ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1000, [.. args.Skip(2).Where(a => a.Contains('='))]),
    "text" => TextSpeed.Run(),
    "featuredump" when args.Length >= 2 => FeatureDump.Run(args[1], args[2..]),
    "categorymap" when args.Length >= 3 => CategoryMapCost.Run(args[1], args[2]),
    "selection" when args.Length >= 3 => SelectionCost.Run(args[1], args[2]),
    "api" when args.Length >= 2 => JobTitleStudio.Benchmarks.Api.ApiBenchmark.Run(args[1], args.Skip(2).ToArray()),
    "batches" => JobTitleStudio.Benchmarks.Batches.BatchBenchmark.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage:
          JobTitleStudio.Benchmarks onet SPLIT_DIR [name=value ...]   engine on the O*NET split (train.csv, test.csv); saves the model
                                      (quick: accuracy only; groups: SOC groups as extra axes; blends: other blends of the learners; dump=FILE; f.word=.. etc.: featurizer)
          JobTitleStudio.Benchmarks default-split [name=value ...]   the default model's table split 90/10 by title: held-out figures of every axis (Function, Level too)
          JobTitleStudio.Benchmarks load MODEL_FILE SPLIT_DIR        load time and memory of a saved model in a fresh process
          JobTitleStudio.Benchmarks profile MODEL_FILE TITLES_CSV     time per title of each prediction stage (featurising, neighbours, each learner)
          JobTitleStudio.Benchmarks bayes MODEL_FILE TITLES_CSV       naive Bayes as a prediction calls it: table sizes, reads per title, time per axis alone and after the linear model
          JobTitleStudio.Benchmarks blend MODEL_FILE TITLES_CSV       the single-label blend after the learners answered: full passes against the sparse blend, alternating rounds
          JobTitleStudio.Benchmarks softmax MODEL_FILE TITLES_CSV     the softmax and blend passes of every single-label axis: the former TensorPrimitives chains against the fused passes
          JobTitleStudio.Benchmarks throughput MODEL_FILE TITLES_CSV [name=value]  titles/s on one thread for all the model's axes (e.g. the default model)
          JobTitleStudio.Benchmarks search MODEL_FILE TITLES_CSV [name=value]  the nearest-title search alone: CPU per search and agreement with an exhaustive search
          JobTitleStudio.Benchmarks accuracy MODEL_FILE SPLIT_DIR [name=value]  Occupation accuracy and CPU per title of a saved model on test.csv, with prediction-time settings changed (e.g. skipabove=0.9)
          JobTitleStudio.Benchmarks corrections MODEL_FILE SPLIT_DIR [N]  latency, allocation and collections of N (2000) corrections on a saved model's Occupation axis
          JobTitleStudio.Benchmarks drift SPLIT_DIR [N] [name=value]  trains Occupation, then held-out accuracy before and after N (1000) corrections of other titles
          JobTitleStudio.Benchmarks categorymap MODEL_FILE TITLES_CSV  cost of the live category map: Occupation cast into SOC broad groups, plain against mapped
          JobTitleStudio.Benchmarks selection MODEL_FILE TITLES_CSV   partial selections on the linear model's outputs: top-16 candidates and top-5 barred by them (large axes), top-5 (small axes)
          JobTitleStudio.Benchmarks text                             normalising and featurising speed over the O*NET titles, one thread
          JobTitleStudio.Benchmarks featuredump OUT_FILE [TITLES_CSV ...]  normalised title, junk verdict and features of every title (compare two builds byte for byte)
          JobTitleStudio.Benchmarks fasttext SPLIT_DIR               fastText baseline on the same split
          JobTitleStudio.Benchmarks api ...                          HTTP API latency and throughput (docs/BENCHMARKS.md)
        Make the split with: python3 tests/JobTitleStudio.Benchmarks/onet_split.py models/source/onet-29.3 /tmp/onet-split
        """);
    return 2;
}
