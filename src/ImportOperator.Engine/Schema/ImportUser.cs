using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace ImportOperator.Engine.Schema;

/// <summary>Who the import is for (Dromo's import_metadata.user); copied into the metadata and webhooks.</summary>
public sealed class ImportUser
{
    [Required, MinLength(1)]
    [Description("Your identifier of the user.")]
    public string Id { get; set; } = "";

    [Description("The user's name.")]
    public string? Name { get; set; }

    [Description("The user's e-mail address.")]
    public string? Email { get; set; }

    [Description("The user's company name.")]
    public string? CompanyName { get; set; }

    [Description("Your identifier of the user's company.")]
    public string? CompanyId { get; set; }
}
