import { PageHeader } from '@/components/page-header';
import { ConfirmForm } from '@/features/auth/components/confirm-form';
import { ForgotPasswordForm } from '@/features/auth/components/forgot-password-form';
import { ResetPasswordForm } from '@/features/auth/components/reset-password-form';
import { SignInForm } from '@/features/auth/components/sign-in-form';
import { SignUpForm } from '@/features/auth/components/sign-up-form';

function AuthPage({ title, children }) {
  return (
    <>
      <title>{`${title} · Cruddur`}</title>
      <PageHeader title={title} />
      {children}
    </>
  );
}

export const SignUpRoute = () => (
  <AuthPage title="Sign up">
    <SignUpForm />
  </AuthPage>
);
export const ConfirmRoute = () => (
  <AuthPage title="Confirm your email">
    <ConfirmForm />
  </AuthPage>
);
export const SignInRoute = () => (
  <AuthPage title="Sign in">
    <SignInForm />
  </AuthPage>
);
export const ForgotPasswordRoute = () => (
  <AuthPage title="Forgot your password?">
    <ForgotPasswordForm />
  </AuthPage>
);
export const ResetPasswordRoute = () => (
  <AuthPage title="Choose a new password">
    <ResetPasswordForm />
  </AuthPage>
);
