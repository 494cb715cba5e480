using JobTitleStudio.Benchmarks;

return args.FirstOrDefault() switch
{
    "onet" when args.Length >= 2 => OnetBenchmark.Run(args[1], args.Skip(2).ToArray()),
    "fasttext" when args.Length >= 2 => FastTextBaseline.Run(args[1]),
    "batches" => JobTitleStudio.Benchmarks.Batches.BatchBenchmark.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage:
          JobTitleStudio.Benchmarks onet SPLIT_DIR [--work DIR]   engine on the O*NET split (train.csv, test.csv)
          JobTitleStudio.Benchmarks fasttext SPLIT_DIR            fastText baseline on the same split
        Make the split with: python3 tests/JobTitleStudio.Benchmarks/onet_split.py models/source/onet-29.3 /tmp/onet-split
        """);
    return 2;
}
