resource "aws_sfn_state_machine" "approval" {
  name     = "approval"
  role_arn = aws_iam_role.approval.arn
  type     = "STANDARD"

  definition = jsonencode({
    Comment = "Ask a person to approve, wait for the answer"
    StartAt = "Ask"
    States = {
      Ask = {
        Type     = "Task"
        Resource = "arn:aws:states:::sqs:sendMessage.waitForTaskToken"
        Parameters = {
          QueueUrl      = aws_sqs_queue.approvals.url
          "MessageBody" = { "token.$" = "$$.Task.Token", "request.$" = "$" }
        }
        # planted mistake: the heartbeat must be shorter than the timeout
        HeartbeatSeconds = 600
        TimeoutSeconds   = 300
        End              = true
      }
    }
  })
}
