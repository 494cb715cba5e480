using System.Globalization;
using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Benchmarks;

/// <summary>Command-line overrides of model options (name=value), for tuning runs.</summary>
internal static class Tuning
{
    public static ModelOptions Apply(ModelOptions options, IEnumerable<string> settings)
    {
        foreach (var setting in settings)
        {
            var parts = setting.Split('=', 2);
            if (parts.Length != 2)
            {
                throw new ArgumentException($"Setting \"{setting}\" should look like name=value, e.g. k=20.");
            }
            var value = double.Parse(parts[1], CultureInfo.InvariantCulture);
            options = parts[0] switch
            {
                "epochs" => options with { Linear = options.Linear with { Epochs = (int)value } },
                "dim" => options with { Linear = options.Linear with { Dimension = (int)value } },
                "lr" => options with { Linear = options.Linear with { LearningRate = (float)value } },
                "buckets" => options with { Linear = options.Linear with { Buckets = (int)value } },
                "updatelr" => options with { Linear = options.Linear with { UpdateLearningRate = (float)value } },
                "updatesteps" => options with { Linear = options.Linear with { UpdateSteps = (int)value } },
                "alpha" => options with { NaiveBayes = options.NaiveBayes with { Alpha = (float)value } },
                "k" => options with { Neighbours = options.Neighbours with { K = (int)value } },
                "power" => options with { Neighbours = options.Neighbours with { VotePower = (float)value } },
                "maxpostings" => options with { Neighbours = options.Neighbours with { MaxPostings = (int)value } },
                "budget" => options with { Neighbours = options.Neighbours with { PostingBudget = (int)value } },
                "skipabove" => options with { Neighbours = options.Neighbours with { SkipSearchAbove = value == 0 ? null : (float)value } },
                "candidates" => options with { Neighbours = options.Neighbours with { Candidates = (int)value } },
                "smoothing" => options with { Blend = options.Blend with { VoteSmoothing = (float)value } },
                "heldout" => options with { Blend = options.Blend with { HeldOutFraction = value } },
                _ => throw new ArgumentException($"Unknown setting \"{parts[0]}\"; use epochs, dim, lr, buckets, updatelr, updatesteps, alpha, k, power, maxpostings, budget, candidates, skipabove (0: always search), smoothing or heldout."),
            };
        }
        return options;
    }
}
