using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Features.Models;

/// <summary>Holds the live model's status for the whole app; <see cref="ModelStartupLoader"/> sets it.</summary>
public sealed class ModelHost(IOptions<ModelsOptions> options, IHostEnvironment environment)
{
    private ModelStatus? _status;

    public string ModelPath { get; } = System.IO.Path.GetFullPath(options.Value.DefaultModelPath, environment.ContentRootPath);

    public ModelStatus Status => Volatile.Read(ref _status) ?? ModelStatus.NotLoaded(ModelPath, "The model has not been loaded yet.");

    public void Publish(ModelStatus status) => Volatile.Write(ref _status, status);
}
