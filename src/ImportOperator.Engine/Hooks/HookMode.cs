namespace ImportOperator.Engine.Hooks;

/// <summary>Why a row hook runs: "init" when the file is processed, "update" after a person edits a row.</summary>
public enum HookMode { Init, Update }
