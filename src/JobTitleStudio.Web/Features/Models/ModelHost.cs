using JobTitleStudio.Core.Learning;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Features.Models;

/// <summary>Holds the live model and its status for the whole app; <see cref="ModelStartupLoader"/> sets them.</summary>
public sealed class ModelHost(IOptions<ModelsOptions> options, IHostEnvironment environment)
{
    private Live? _live;

    /// <summary>The configured model file, or null for the shipped default model.</summary>
    public string? ModelPath { get; } = string.IsNullOrWhiteSpace(options.Value.DefaultModelPath)
        ? null
        : System.IO.Path.GetFullPath(options.Value.DefaultModelPath, environment.ContentRootPath);

    public ModelStatus Status => Volatile.Read(ref _live)?.Status
        ?? ModelStatus.NotLoaded(ModelPath ?? "the shipped default model", "The model has not been loaded yet.");

    /// <summary>The live model, or null while it is loading or when it failed to load.</summary>
    public TitleClassifier? Model => Volatile.Read(ref _live)?.Model;

    /// <summary>Raised after <see cref="Publish"/>, so open pages can swap their empty state for the live model.</summary>
    public event Action? Changed;

    public void Publish(ModelStatus status, TitleClassifier? model = null)
    {
        Volatile.Write(ref _live, new Live(status, model));
        Changed?.Invoke();
    }

    private sealed record Live(ModelStatus Status, TitleClassifier? Model);
}
