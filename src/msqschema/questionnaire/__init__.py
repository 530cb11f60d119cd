"""The questionnaire stage: the model, its loader, the lint checks and the inline markup."""
