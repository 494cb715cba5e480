using JobTitleStudio.Web.Hosting;
using System.Globalization;
using JobTitleStudio.Core.Tables;
using JobTitleStudio.Web.Data;
using JobTitleStudio.Web.Features.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JobTitleStudio.Web.Features.Batches;

/// <summary>An uploaded file saved to disk but not started yet: what the column picker shows.</summary>
public sealed record StagedUpload(string Path, string FileName, string Extension, long Bytes, TablePreview Preview);

/// <summary>Everything the page and the API do with batches: stage uploads, start, list, cancel, re-run, delete, download.</summary>
public sealed class BatchService(
    IDbContextFactory<AppDbContext> databases,
    BatchFiles files,
    JobQueue<Guid> queue,
    BatchMonitor monitor,
    IOptions<BatchesOptions> options)
{
    private const int PreviewRows = 10;

    public BatchesOptions Options => options.Value;

    /// <summary>
    /// Streams <paramref name="content"/> to a staging file (never into memory), enforcing
    /// <see cref="BatchesOptions.MaxUploadBytes"/>, then previews it: encoding, delimiter, header, first rows, title column guess.
    /// </summary>
    /// <exception cref="BatchInputException">The name has an unsupported extension (400), the file is too big (413), or it cannot be read as a table (400).</exception>
    /// <param name="copied">Told the bytes saved so far after each block, for an upload progress bar.</param>
    public async Task<StagedUpload> StageAsync(Stream content, string fileName, Action<long>? copied = null, CancellationToken cancellationToken = default)
    {
        var name = System.IO.Path.GetFileName(fileName);
        var extension = BatchFiles.ExtensionOf(name)
            ?? throw new BatchInputException($"\"{name}\" is not a file batches read: upload a .csv, .tsv, .txt or .xlsx file.");
        var path = files.NewUpload(extension);
        try
        {
            long bytes;
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                bytes = await CopyWithLimitAsync(content, target, Options.MaxUploadBytes, name, copied, cancellationToken);
            }
            var preview = await Task.Run(() => Preview(path), cancellationToken);
            return new StagedUpload(path, name, extension, bytes, preview);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Forgets a staged upload the analyst replaced or abandoned.</summary>
    public static void Discard(StagedUpload upload) => File.Delete(upload.Path);

    /// <summary>
    /// The 0-based title column: the named one (a header name, ignoring case, or a 1-based column number),
    /// else the guessed one.
    /// </summary>
    /// <exception cref="BatchInputException">The name matches no column, or nothing was named and no column looks like titles; the message lists the columns.</exception>
    public static int ResolveTitleColumn(TablePreview preview, string? requested)
    {
        var headers = preview.Headers;
        var columns = string.Join(", ", headers.Select(h => $"\"{h}\""));
        if (string.IsNullOrWhiteSpace(requested))
        {
            return preview.TitleColumn
                ?? throw new BatchInputException($"No column looks like job titles; say which one with titleColumn. The columns are: {columns}.");
        }
        var wanted = requested.Trim();
        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i], wanted, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        if (int.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= headers.Count)
        {
            return number - 1;
        }
        throw new BatchInputException($"There is no column \"{wanted}\" in the file. The columns are: {columns}.");
    }

    /// <summary>Checks <paramref name="topN"/> against the range <c>jts classify</c> accepts.</summary>
    public static int ValidateTopN(int topN) => topN is >= 1 and <= 1000
        ? topN
        : throw new BatchInputException($"top is {topN}; use 1 to 1000 categories per axis.");

    /// <summary>Moves the staged upload into a job folder, records the job as queued and hands it to the worker.</summary>
    public async Task<BatchJobView> StartAsync(StagedUpload upload, WorkspaceSummary workspace, int titleColumn, int topN, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(workspace);
        ValidateTopN(topN);
        if (titleColumn < 0 || titleColumn >= upload.Preview.Headers.Count)
        {
            throw new BatchInputException($"Column {titleColumn + 1} does not exist; the file has {upload.Preview.Headers.Count} columns.");
        }
        var job = new BatchJob
        {
            Id = Guid.NewGuid(),
            WorkspaceId = workspace.Id,
            Status = BatchStatus.Queued,
            FileName = Truncate(upload.FileName, BatchJob.MaxFileNameLength),
            InputExtension = upload.Extension,
            InputBytes = upload.Bytes,
            TitleColumn = titleColumn,
            TitleColumnName = Truncate(upload.Preview.Headers[titleColumn], BatchJob.MaxTextLength),
            TopN = topN,
            CreatedBy = Options.DefaultUserName,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        Directory.CreateDirectory(files.JobFolder(job.Id));
        File.Move(upload.Path, files.Input(job));
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            db.BatchJobs.Add(job);
            await db.SaveChangesAsync(cancellationToken);
        }
        queue.Enqueue(job.Id);
        return BatchJobView.From(job, workspace.Name, null, withDetails: true);
    }

    public async Task<IReadOnlyList<BatchJobView>> ListAsync(int workspaceId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var jobs = await db.BatchJobs.AsNoTracking().Include(j => j.Workspace)
            .Where(j => j.WorkspaceId == workspaceId)
            .OrderByDescending(j => j.CreatedAt)
            .ToListAsync(cancellationToken);
        return [.. jobs.Select(j => BatchJobView.From(j, j.Workspace!.Name, monitor.Find(j.Id)?.Progress, withDetails: false))];
    }

    /// <summary>One job with its issues and category counts; null when there is no such job in the workspace.</summary>
    public async Task<BatchJobView?> GetAsync(int workspaceId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var job = await db.BatchJobs.AsNoTracking().Include(j => j.Workspace)
            .SingleOrDefaultAsync(j => j.Id == id && j.WorkspaceId == workspaceId, cancellationToken);
        return job is null ? null : BatchJobView.From(job, job.Workspace!.Name, monitor.Find(id)?.Progress, withDetails: true);
    }

    /// <summary>Stops a running job or withdraws a queued one; false when the job is not active (or does not exist).</summary>
    public async Task<bool> CancelAsync(int workspaceId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var job = await FindAsync(db, workspaceId, id, cancellationToken);
        if (job is null)
        {
            return false;
        }
        if (await StopAsync(id, cancellationToken))
        {
            return true;
        }
        if (job.Status != BatchStatus.Queued)
        {
            return false;
        }
        job.Status = BatchStatus.Cancelled;
        job.FinishedAt = DateTimeOffset.UtcNow;
        job.Message = "Cancelled before it started.";
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Queues a finished, failed, cancelled or interrupted job again from its stored upload, from the first row.</summary>
    public async Task<bool> RerunAsync(int workspaceId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var job = await FindAsync(db, workspaceId, id, cancellationToken);
        if (job is null || job.Status is BatchStatus.Queued or BatchStatus.Running || !File.Exists(files.Input(job)))
        {
            return false;
        }
        File.Delete(files.Result(id));
        job.Status = BatchStatus.Queued;
        job.StartedAt = job.FinishedAt = null;
        job.RowsProcessed = job.Classified = job.Abstained = job.Junk = job.RowsWithIssues = job.ResultBytes = 0;
        job.RowsTotal = null;
        job.Message = job.SummaryJson = job.ModelVersion = null;
        await db.SaveChangesAsync(cancellationToken);
        queue.Enqueue(id);
        return true;
    }

    /// <summary>Cancels the job if it runs, then removes its files and its row; false when there is no such job.</summary>
    public async Task<bool> DeleteAsync(int workspaceId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var job = await FindAsync(db, workspaceId, id, cancellationToken);
        if (job is null)
        {
            return false;
        }
        await StopAsync(id, cancellationToken);
        db.BatchJobs.Remove(job);
        await db.SaveChangesAsync(cancellationToken);
        var folder = files.JobFolder(id);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        return true;
    }

    /// <summary>The completed result file and the name to download it under; null when the job has no result (yet).</summary>
    public async Task<(string Path, string DownloadName)?> FindResultAsync(int workspaceId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var job = await db.BatchJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.WorkspaceId == workspaceId, cancellationToken);
        var path = files.Result(id);
        if (job?.Status != BatchStatus.Completed || !File.Exists(path))
        {
            return null;
        }
        return (path, System.IO.Path.GetFileNameWithoutExtension(job.FileName) + "-classified");
    }

    private static Task<BatchJob?> FindAsync(AppDbContext db, int workspaceId, Guid id, CancellationToken cancellationToken) =>
        db.BatchJobs.SingleOrDefaultAsync(j => j.Id == id && j.WorkspaceId == workspaceId, cancellationToken);

    /// <summary>Cancels the job if the worker is on it and waits until the worker has let go of its files and row; false when it is not running.</summary>
    private async Task<bool> StopAsync(Guid id, CancellationToken cancellationToken)
    {
        if (monitor.Find(id) is not { } live)
        {
            return false;
        }
        live.Cancel();
        await live.Finished.WaitAsync(cancellationToken);
        return true;
    }

    /// <summary>Writes the result to <paramref name="output"/> as XLSX, row by row: the CSV on disk is the single stored copy.</summary>
    public static void WriteXlsx(string resultPath, Stream output)
    {
        using var reader = TableReader.OpenFile(resultPath, ResultReadOptions);
        using var writer = TableWriter.Create(output, TableFileFormat.Xlsx, new TableWriteOptions { SheetName = "Classified" }, leaveOpen: true);
        writer.WriteRow(reader.Headers);
        foreach (var row in reader.ReadRows())
        {
            writer.WriteRow(row.Cells);
        }
    }

    /// <summary>How our own result CSV reads back: nothing to detect, and long cells were already cut on the way in.</summary>
    private static readonly TableReadOptions ResultReadOptions = new()
    {
        Format = TableFileFormat.Csv,
        Delimiter = ',',
        HasHeader = true,
        Encoding = new System.Text.UTF8Encoding(false),
        MaxCellLength = 32_767,
    };

    private static TablePreview Preview(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return TableSniffer.Preview(stream, PreviewRows);
        }
        catch (TableFormatException e)
        {
            throw new BatchInputException(e.Message);
        }
    }

    private static async Task<long> CopyWithLimitAsync(Stream source, Stream target, long limit, string name, Action<long>? copied, CancellationToken cancellationToken)
    {
        var buffer = new byte[81_920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
            {
                throw new BatchInputException(TooLarge(name, limit), StatusCodes.Status413PayloadTooLarge);
            }
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            copied?.Invoke(total);
        }
        return total;
    }

    public static string TooLarge(string? name, long limit) =>
        $"{(name is null ? "The upload" : $"\"{name}\"")} is larger than the limit of {BatchFormat.Bytes(limit)} for a batch (Batches:MaxUploadBytes). Split the file, or ask the administrator to raise the limit.";

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
