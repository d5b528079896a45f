// All tests drive the one jsii runtime (a Node process) the CDK runs on; run them one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
