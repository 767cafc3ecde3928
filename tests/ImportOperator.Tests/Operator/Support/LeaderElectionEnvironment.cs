namespace ImportOperator.Tests.Operator.Support;

/// <summary>The whole system with operators that elect a leader through a Lease, so a test can run two replicas.</summary>
public class LeaderElectionEnvironment : OperatorEnvironment
{
    protected override bool LeaderElection => true;
}
