using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace JobTitleStudio.Web.Features.Batches;

/// <summary>
/// A multipart upload read as a stream: the file (field "file") is staged to disk as it arrives, never buffered, and
/// the other form fields are collected by name (a field may repeat). Batches and dataset imports both take one.
/// </summary>
public static class UploadForm
{
    /// <summary>Room for the multipart boundaries and form fields around the file itself.</summary>
    public const long MultipartOverheadBytes = 1024 * 1024;

    private const int MaxFieldLength = 1024;

    /// <summary>
    /// Stages the upload with <paramref name="stage"/> and hands it and the fields to <paramref name="start"/>; any
    /// <see cref="BatchInputException"/>, oversized or malformed body becomes a problem answer and the staged file is deleted.
    /// </summary>
    /// <param name="example">A curl command line that shows how to send the form, for the message when it is not multipart.</param>
    public static async Task<IResult> HandleAsync(
        HttpContext http, long limit, string example,
        Func<Stream, string, Task<StagedUpload>> stage,
        Func<StagedUpload, IReadOnlyDictionary<string, List<string>>, Task<IResult>> start,
        CancellationToken cancellationToken)
    {
        var bodyLimit = limit + MultipartOverheadBytes;
        // Kestrel's default (30 MB) guards every other endpoint; uploads follow Batches:MaxUploadBytes.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = bodyLimit;
        }
        if (http.Request.ContentLength > bodyLimit)
        {
            return Problem(BatchService.TooLarge(null, limit), StatusCodes.Status413PayloadTooLarge);
        }
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Problem($"Send the file as multipart/form-data in a field named \"file\", for example: {example}");
        }

        StagedUpload? upload = null;
        try
        {
            var fields = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var reader = new MultipartReader(boundary, http.Request.Body) { BodyLengthLimit = bodyLimit };
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    if (name != "file")
                    {
                        throw new BatchInputException($"The file was sent in a field named \"{name}\"; send it in a field named \"file\".");
                    }
                    if (upload is not null)
                    {
                        throw new BatchInputException("Send one file per upload.");
                    }
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value
                        ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value
                        ?? "upload.csv";
                    upload = await stage(section.Body, fileName);
                }
                else
                {
                    var value = await ReadFieldAsync(section, name, cancellationToken);
                    if (!fields.TryGetValue(name, out var values))
                    {
                        fields[name] = values = [];
                    }
                    values.Add(value);
                }
            }
            if (upload is null)
            {
                throw new BatchInputException("The upload holds no file: send it in a multipart form field named \"file\".");
            }
            return await start(upload, fields);
        }
        catch (BatchInputException e)
        {
            Discard(upload);
            return Problem(e.Message, e.StatusCode);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Discard(upload);
            return Problem(BatchService.TooLarge(null, limit), StatusCodes.Status413PayloadTooLarge);
        }
        catch (InvalidDataException e)
        {
            Discard(upload);
            // MultipartReader says "Multipart body length limit ... exceeded" when the body outgrows BodyLengthLimit.
            return e.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase)
                ? Problem(BatchService.TooLarge(null, limit), StatusCodes.Status413PayloadTooLarge)
                : Problem($"The multipart upload is malformed: {e.Message}");
        }
    }

    /// <summary>The last value sent for a field, or null when it was not sent.</summary>
    public static string? Last(this IReadOnlyDictionary<string, List<string>> fields, string name) =>
        fields.TryGetValue(name, out var values) ? values[^1] : null;

    private static async Task<string> ReadFieldAsync(MultipartSection section, string name, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(section.Body, Encoding.UTF8);
        var buffer = new char[MaxFieldLength + 1];
        var length = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return length > MaxFieldLength
            ? throw new BatchInputException($"The form field \"{name}\" is longer than {MaxFieldLength} characters.")
            : new string(buffer, 0, length).Trim();
    }

    private static void Discard(StagedUpload? upload)
    {
        if (upload is not null)
        {
            BatchService.Discard(upload);
        }
    }

    private static IResult Problem(string detail, int statusCode = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(detail: detail, statusCode: statusCode);
}
